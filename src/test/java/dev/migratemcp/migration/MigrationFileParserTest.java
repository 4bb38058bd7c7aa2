package dev.migratemcp.migration;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.migration.Version;
import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationFileParserTest {

    private static Migration parse(String name, String text, DatabaseKind kind) throws MigrationFileException {
        return MigrationFileParser.parse(name, text, kind);
    }

    private static List<FileProblem> problems(String name, String text) {
        return assertThrows(MigrationFileException.class, () -> parse(name, text, DatabaseKind.SQLITE)).problems();
    }

    @Test
    void readsHeaderSectionsAndStatementLines() throws Exception {
        String text = """
                -- A comment people write
                -- migrate:description Create the users table
                -- migrate:depends_on 1, 2
                -- migrate:backup_required

                -- migrate:up
                CREATE TABLE users (id INTEGER PRIMARY KEY);

                CREATE INDEX idx_users ON users (id);
                -- migrate:down
                DROP TABLE users;
                """;
        Migration m = parse("0003_users.sql", text, DatabaseKind.POSTGRESQL);
        assertEquals(v(3), m.version());
        assertEquals("Create the users table", m.description());
        assertEquals(vs(1, 2), m.dependsOn());
        assertEquals(3, m.dependsOnLine());
        assertTrue(m.backupRequired());
        assertTrue(m.up().transactional());
        assertEquals(List.of("CREATE TABLE users (id INTEGER PRIMARY KEY)", "CREATE INDEX idx_users ON users (id)"),
                m.up().statements().stream().map(MigrationStatement::sql).toList());
        assertEquals(List.of(7, 9), m.up().statements().stream().map(MigrationStatement::line).toList());
        assertEquals(11, m.down().statements().get(0).line());
    }

    @Test
    void descriptionDefaultsToTheFileName() throws Exception {
        Migration m = parse("migration_007_add_webhook_support.sql", "-- migrate:up\nSELECT 1;\n", DatabaseKind.SQLITE);
        assertEquals(v(7), m.version());
        assertEquals("add webhook support", m.description());
        assertNull(m.down());
        assertFalse(m.reversible());
    }

    @Test
    void dialectSectionWinsOverGenericForItsDatabaseOnly() throws Exception {
        String text = """
                -- migrate:up
                CREATE TABLE t (id INTEGER);
                -- migrate:down
                ALTER TABLE t DROP COLUMN x;
                -- migrate:down dialect=sqlite,mysql
                DROP TABLE t;
                """;
        assertEquals("DROP TABLE t", parse("1_t.sql", text, DatabaseKind.SQLITE).down().statements().get(0).sql());
        assertEquals("DROP TABLE t", parse("1_t.sql", text, DatabaseKind.MYSQL).down().statements().get(0).sql());
        assertEquals("ALTER TABLE t DROP COLUMN x",
                parse("1_t.sql", text, DatabaseKind.POSTGRESQL).down().statements().get(0).sql());
    }

    @Test
    void noTransactionHeaderAndSectionOverride() throws Exception {
        String text = """
                -- migrate:no_transaction
                -- migrate:up dialect=postgresql
                CREATE INDEX CONCURRENTLY i ON t (a);
                -- migrate:up
                CREATE INDEX i ON t (a);
                -- migrate:down transaction=true
                DROP INDEX i;
                """;
        Migration pg = parse("5_i.sql", text, DatabaseKind.POSTGRESQL);
        assertFalse(pg.up().transactional());
        assertTrue(pg.down().transactional());
        Migration sqlite = parse("5_i.sql", text, DatabaseKind.SQLITE);
        assertFalse(sqlite.up().transactional());
    }

    @Test
    void batchDirectiveAttachesToTheNextStatement() throws Exception {
        String text = """
                -- migrate:up
                ALTER TABLE logs ADD COLUMN parsed TEXT;
                -- migrate:batch table=logs key=id size=500
                UPDATE logs SET parsed = raw WHERE id >= :batch_from AND id < :batch_to AND parsed IS NULL;
                SELECT 1;
                """;
        Migration m = parse("4_parse.sql", text, DatabaseKind.SQLITE);
        List<MigrationStatement> st = m.up().statements();
        assertNull(st.get(0).batch());
        assertEquals(new BatchSpec("logs", "id", 500), st.get(1).batch());
        assertEquals(4, st.get(1).line());
        assertNull(st.get(2).batch());
        assertEquals("UPDATE logs SET parsed = raw WHERE id >= 10 AND id < 20 AND parsed IS NULL",
                st.get(1).batch().bind(st.get(1).sql(), 10, 20));
    }

    @Test
    void checksumIgnoresLineEndingsButNotContent() throws Exception {
        String lf = "-- migrate:up\nCREATE TABLE t (id INTEGER);\n-- migrate:down\nDROP TABLE t;\n";
        String crlf = lf.replace("\n", "\r\n");
        String bom = "\uFEFF" + lf;
        String a = parse("1_t.sql", lf, DatabaseKind.SQLITE).checksum();
        assertEquals(a, parse("1_t.sql", crlf, DatabaseKind.SQLITE).checksum());
        assertEquals(a, parse("1_t.sql", bom, DatabaseKind.SQLITE).checksum());
        assertEquals(64, a.length());
        assertFalse(a.equals(parse("1_t.sql", lf.replace("id INTEGER", "id BIGINT"), DatabaseKind.SQLITE).checksum()));
    }

    @Test
    void errorsNameFileAndLine() {
        List<FileProblem> p = problems("0002_bad.sql", """
                -- migrate:descripton typo here
                -- migrate:up
                CREATE TABLE t (id INTEGER);
                -- migrate:frobnicate
                """);
        assertEquals(2, p.size(), p.toString());
        assertEquals(new FileProblem("0002_bad.sql", 1, p.get(0).message()), p.get(0));
        assertTrue(p.get(0).message().contains("unknown directive '-- migrate:descripton'"), p.toString());
        assertEquals(4, p.get(1).line());
    }

    @Test
    void missingUpIsAnError() {
        List<FileProblem> p = problems("0002_x.sql", "-- migrate:down\nDROP TABLE t;\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).message().contains("no up section for sqlite"), p.toString());
        List<FileProblem> onlyPg = problems("0002_x.sql", "-- migrate:up dialect=postgresql\nSELECT 1;\n");
        assertTrue(onlyPg.get(0).message().contains("no up section for sqlite"), onlyPg.toString());
    }

    @Test
    void anUpWithoutStatementsIsAMigrationThatChangesNothing() throws Exception {
        Migration commentOnly = parse("0002_x.sql", "-- migrate:up\n-- nothing yet\n", DatabaseKind.SQLITE);
        assertTrue(commentOnly.up().statements().isEmpty());
        assertEquals(v(2), commentOnly.version());
        assertTrue(parse("0003_y.sql", "-- migrate:up\n", DatabaseKind.MYSQL).up().statements().isEmpty());
    }

    @Test
    void aDownWithoutStatementsIsIrreversibleUnlessItSaysNoop() throws Exception {
        Migration empty = parse("0002_x.sql", "-- migrate:up\nCREATE TABLE t (id INTEGER);\n-- migrate:down\n"
                + "-- cannot be undone\n", DatabaseKind.SQLITE);
        assertFalse(empty.reversible());
        assertEquals("0002_x.sql:3", empty.emptyDown());
        assertTrue(empty.whyIrreversible().contains("0002_x.sql:3"), empty.whyIrreversible());
        assertTrue(empty.whereDownGoes().contains("-- migrate:down noop"), empty.whereDownGoes());

        Migration noop = parse("0002_x.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down noop\n-- nothing\n",
                DatabaseKind.SQLITE);
        assertTrue(noop.reversible());
        assertTrue(noop.down().statements().isEmpty());
        Migration perDialect = parse("0002_x.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down dialect=mysql noop\n"
                + "-- migrate:down\nSELECT 2;\n", DatabaseKind.MYSQL);
        assertTrue(perDialect.reversible() && perDialect.down().statements().isEmpty());

        assertEquals(3, problems("1_x.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down noop\nSELECT 2;\n")
                .get(0).line());
        assertTrue(problems("1_x.sql", "-- migrate:up noop\nSELECT 1;\n").get(0).message().contains("noop"));
    }

    @Test
    void dbmateSpellsTheTransactionOptionWithAColon() throws Exception {
        Migration m = parse("20240101000001_index.sql", "-- migrate:up transaction:false\nCREATE INDEX i ON t (a);\n"
                + "\n-- migrate:down transaction:false\nDROP INDEX i;\n", DatabaseKind.POSTGRESQL);
        assertFalse(m.up().transactional());
        assertFalse(m.down().transactional());
        assertEquals(v(20240101000001L), m.version());
        assertEquals("index", m.description());
        assertTrue(parse("2_x.sql", "-- migrate:up transaction:true\nSELECT 1;\n", DatabaseKind.POSTGRESQL)
                .up().transactional());
    }

    @Test
    void versionsAboveTwoToTheFiftyThirdAreRefusedNamingTheFile() throws Exception {
        assertEquals(v(Version.MAX), parse(Version.MAX + "_last.sql", "-- migrate:up\nSELECT 1;",
                DatabaseKind.SQLITE).version());
        for (String name : List.of("9007199254740992_over.sql", "1234567890123456789_nineteen_digits.sql",
                "99999999999999999999999_huge.sql")) {
            List<FileProblem> p = problems(name, "-- migrate:up\nSELECT 1;");
            assertEquals(1, p.size(), p.toString());
            assertEquals(name, p.get(0).file());
            assertTrue(p.get(0).message().contains("out of range") && p.get(0).message().contains("2^53 - 1"),
                    p.toString());
        }
    }

    @Test
    void aNameThatIsOnlyAVersionIsDbmatesAndGetsADescription() throws Exception {
        Migration m = parse("20240101000001.sql", "-- migrate:up\nSELECT 1;\n", DatabaseKind.SQLITE);
        assertEquals(v(20240101000001L), m.version());
        assertEquals("migration 20240101000001", m.description());
    }

    @Test
    void badNamesAndBadDirectivesAreRefused() {
        assertEquals(0, problems("create_users.sql", "-- migrate:up\nSELECT 1;").get(0).line());
        assertTrue(problems("0_zero.sql", "-- migrate:up\nSELECT 1;").get(0).message()
                .contains("version 0 is not supported"));
        assertEquals(1, problems("1_x.sql", "-- migrate:depends_on one\n-- migrate:up\nSELECT 1;").get(0).line());
        assertEquals(1, problems("1_x.sql", "-- migrate:up dialect=oracle\nSELECT 1;").get(0).line());
        assertEquals(2, problems("1_x.sql", "-- migrate:up\n-- migrate:description late\nSELECT 1;").get(0).line());
        assertEquals(1, problems("1_x.sql", "SELECT 1;\n-- migrate:up\nSELECT 1;").get(0).line());
        assertEquals(3, problems("1_x.sql", "-- migrate:up\nSELECT 1;\n-- migrate:up\nSELECT 2;").get(0).line());
    }

    @Test
    void batchMistakesAreRefused() {
        assertEquals(2, problems("1_x.sql", "-- migrate:up\n-- migrate:batch table=t\nUPDATE t SET a = 1;")
                .get(0).line());
        assertEquals(3, problems("1_x.sql", "-- migrate:up\n-- migrate:batch table=t key=id\nUPDATE t SET a = 1;")
                .get(0).line());
        assertEquals(2, problems("1_x.sql", "-- migrate:up\nUPDATE t SET a = 1 WHERE id < :batch_to;")
                .get(0).line());
        assertEquals(3, problems("1_x.sql", "-- migrate:up\nSELECT 1;\n-- migrate:batch table=t key=id\n")
                .get(0).line());
        assertEquals(2, problems("1_x.sql", "-- migrate:up\n-- migrate:batch table=t key=id size=0\nSELECT 1;")
                .get(0).line());
    }
}
