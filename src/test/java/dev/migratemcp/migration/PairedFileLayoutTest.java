package dev.migratemcp.migration;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** golang-migrate's and Flyway's layouts, read from a folder beside (or instead of) our own files. */
class PairedFileLayoutTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    private MigrationCatalog load() throws Exception {
        return MigrationDirectory.load(dir, DatabaseKind.POSTGRESQL);
    }

    private List<FileProblem> problems() {
        return assertThrows(MigrationFileException.class, this::load).problems();
    }

    private Migration version(long v) throws Exception {
        return load().find(v(v)).orElseThrow();
    }

    @Test
    void golangMigratePairsBecomeOneMigrationEach() throws Exception {
        write("1_create_users.up.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);\nCREATE INDEX u ON users (id);\n");
        write("1_create_users.down.sql", "DROP TABLE users;\n");
        write("2_seed.up.sql", "INSERT INTO users (id) VALUES (1);\n");
        MigrationCatalog catalog = load();
        assertEquals(vs(1, 2), catalog.ordered().stream().map(Migration::version).toList());
        Migration first = version(1);
        assertEquals("create users", first.description());
        assertEquals(2, first.up().statements().size());
        assertEquals(2, first.up().statements().get(1).line());
        assertEquals("1_create_users.up.sql", first.up().file());
        assertEquals("1_create_users.down.sql", first.down().file());
        assertEquals(List.of("1_create_users.up.sql", "1_create_users.down.sql"), first.files());
        assertTrue(first.up().transactional());
        Migration second = version(2);
        assertFalse(second.reversible());
        assertEquals("a file 2_seed.down.sql", second.whereDownGoes());
    }

    @Test
    void flywayVersionedAndUndoFilesWithTheirTransactionSetting() throws Exception {
        write("V1__Create_users.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY);");
        write("U1__Create_users.sql", "DROP TABLE users;");
        write("V002__Index_users.sql", "CREATE INDEX CONCURRENTLY users_id ON users (id);");
        write("V002__Index_users.sql.conf", "# built outside a transaction\nexecuteInTransaction=false\n");
        Migration first = version(1);
        assertEquals("Create users", first.description());
        assertEquals("U1__Create_users.sql", first.down().file());
        Migration second = version(2);
        assertFalse(second.up().transactional());
        assertEquals("a file U002__Index_users.sql", second.whereDownGoes());
    }

    @Test
    void whatCannotBeReadAsIsIsRefusedWithTheFileNamed() throws Exception {
        write("R1__views.sql", "CREATE VIEW v AS SELECT 1;");
        write("V1.x__lettered.sql", "SELECT 1;");
        write("3_orphan.down.sql", "DROP TABLE x;");
        write("V4__setting.sql", "SELECT 1;");
        write("V4__setting.sql.conf", "mixed=true\n");
        write("6_twice.up.sql", "SELECT 1;");
        write("6_again.up.sql", "SELECT 2;");
        write("V7.0__seven.sql", "SELECT 1;");
        write("V7__seven_again.sql", "SELECT 2;");
        List<FileProblem> p = problems();
        assertEquals(List.of("R1__views.sql", "V1.x__lettered.sql", "3_orphan.down.sql", "V4__setting.sql.conf",
                        "6_twice.up.sql", "V7__seven_again.sql"),
                p.stream().map(FileProblem::file).sorted((a, b) -> order(a) - order(b)).toList(), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.message().contains("a repeatable script has no version: name it "
                + "R__views.sql")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.message().contains("'1.x' is not a version")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.message().contains("duplicate version 6")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.message().contains("duplicate version 7")), "7.0 is 7, as in Flyway: "
                + p);
    }

    private static int order(String file) {
        return List.of("R1__views.sql", "V1.x__lettered.sql", "3_orphan.down.sql", "V4__setting.sql.conf",
                "6_twice.up.sql", "V7__seven_again.sql", "V7.0__seven.sql").indexOf(file);
    }

    /** Flyway reads {@code _} in a version as {@code .}: V1_1 is 1.1; versions order part by part, as numbers. */
    @Test
    void flywayDottedVersionsAreReadAndOrderedAsFlywayOrdersThem() throws Exception {
        write("V1__one.sql", "SELECT 1;");
        write("V1_1__one_one.sql", "SELECT 11;");
        write("U1_1__one_one.sql", "SELECT -11;");
        write("V1.2__one_two.sql", "SELECT 12;");
        write("V1.10__one_ten.sql", "SELECT 110;");
        write("V2__two.sql", "SELECT 2;");
        write("V10__ten.sql", "SELECT 10;");
        MigrationCatalog catalog = MigrationDirectory.load(dir, DatabaseKind.SQLITE);
        assertEquals(List.of(v(1), v("1.1"), v("1.2"), v("1.10"), v(2), v(10)),
                catalog.ordered().stream().map(Migration::version).toList());
        Migration oneOne = catalog.find(v("1.1")).orElseThrow();
        assertEquals("one one", oneOne.description());
        assertEquals("U1_1__one_one.sql", oneOne.down().file());
        assertEquals("1.1", oneOne.version().toString());
    }

    @Test
    void theChecksumCoversBothFilesAndNotTheirLineEndings() throws Exception {
        write("1_a.up.sql", "CREATE TABLE a (id INTEGER);\n");
        String upOnly = version(1).checksum();
        write("1_a.down.sql", "DROP TABLE a;\n");
        String withDown = version(1).checksum();
        assertNotEquals(upOnly, withDown, "adding the down file is a change");
        write("1_a.down.sql", "DROP TABLE a;\r\n");
        write("1_a.up.sql", "CREATE TABLE a (id INTEGER);\r\n");
        assertEquals(withDown, version(1).checksum(), "CRLF reads as LF");
        write("1_a.down.sql", "DROP TABLE IF EXISTS a;\n");
        assertNotEquals(withDown, version(1).checksum(), "editing the down file is a change");
    }

    @Test
    void aVersionUsedByTwoLayoutsIsADuplicate() throws Exception {
        write("0001_native.sql", "-- migrate:up\nSELECT 1;\n");
        write("1_other.up.sql", "SELECT 2;");
        List<FileProblem> p = problems();
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).message().contains("duplicate version 1"), p.toString());
    }

    @Test
    void aSplitErrorNamesTheDownFileAndItsLine() throws Exception {
        write("1_a.up.sql", "CREATE TABLE a (id INTEGER);");
        write("1_a.down.sql", "DROP TABLE a;\nSELECT 'never closed;\n");
        FileProblem p = problems().get(0);
        assertEquals("1_a.down.sql", p.file());
        assertEquals(2, p.line());
    }
    @Test
    void golangMigrateEmptyFiles() throws Exception {
        write("1_nothing_yet.up.sql", "-- a placeholder\n");
        write("1_nothing_yet.down.sql", "");
        write("2_noop.up.sql", "");
        write("2_noop.down.sql", "-- migrate:down noop\n");
        write("3_a.up.sql", "CREATE TABLE a (id INTEGER);");
        write("3_a.down.sql", "-- migrate:down noop\nDROP TABLE a;");
        List<FileProblem> p = problems();
        assertEquals(1, p.size(), p.toString());
        assertEquals("3_a.down.sql", p.get(0).file());
        Files.delete(dir.resolve("3_a.down.sql"));
        Migration placeholder = version(1);
        assertTrue(placeholder.up().statements().isEmpty(), "an up file of comments only runs as a no-op");
        assertFalse(placeholder.reversible(), "an empty down file is no way back");
        assertEquals("1_nothing_yet.down.sql", placeholder.emptyDown());
        assertTrue(placeholder.whereDownGoes().contains("1_nothing_yet.down.sql"), placeholder.whereDownGoes());
        Migration noop = version(2);
        assertTrue(noop.reversible() && noop.down().statements().isEmpty(), "a down declared noop reverts by itself");
    }

    @Test
    void golangMigrateVersionZeroIsAMigrationLikeAnyOther() throws Exception {
        write("0_initial.up.sql", "CREATE TABLE a (id INTEGER);");
        write("0_initial.down.sql", "DROP TABLE a;");
        write("1_next.up.sql", "CREATE TABLE b (id INTEGER);");
        MigrationCatalog catalog = MigrationDirectory.load(dir, DatabaseKind.SQLITE);
        assertEquals(vs(0, 1), catalog.ordered().stream().map(Migration::version).toList());
        assertTrue(catalog.find(v(0)).orElseThrow().reversible());
    }

    /** Our own format (dbmate's too) keeps 0 for the target "before every migration". */
    @Test
    void versionZeroIsRefusedInOurOwnFormat() throws Exception {
        write("0000_initial.sql", "-- migrate:up\nCREATE TABLE a (id INTEGER);");
        List<FileProblem> p = problems();
        assertEquals(1, p.size(), p.toString());
        assertEquals("0000_initial.sql", p.get(0).file());
        assertTrue(p.get(0).message().contains("version 0 is not supported in this layout"), p.toString());
    }

    @Test
    void versionsOutOfRangeAreRefusedNamingTheFileInEveryLayout() throws Exception {
        write("9007199254740992_big.up.sql", "SELECT 1;");
        write("V12345678901234567890__big.sql", "SELECT 1;");
        write("9007199254740991_last.up.sql", "SELECT 1;");
        List<FileProblem> p = problems();
        assertEquals(List.of("9007199254740992_big.up.sql", "V12345678901234567890__big.sql"),
                p.stream().map(FileProblem::file).sorted().toList(), p.toString());
        assertTrue(p.stream().allMatch(x -> x.message().contains("out of range")), p.toString());
    }
}
