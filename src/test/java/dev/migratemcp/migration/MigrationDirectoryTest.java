package dev.migratemcp.migration;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationDirectoryTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    private static String migration(String depends) {
        return (depends == null ? "" : "-- migrate:depends_on " + depends + "\n") + "-- migrate:up\nSELECT 1;\n";
    }

    private List<FileProblem> problems() {
        return assertThrows(MigrationFileException.class, () -> MigrationDirectory.load(dir, DatabaseKind.SQLITE))
                .problems();
    }

    @Test
    void ordersByVersionAndIgnoresOtherFiles() throws Exception {
        write("0010_c.sql", migration(null));
        write("0002_b.sql", migration("1"));
        write("0001_a.sql", migration(null));
        write("README.md", "not a migration");
        write(".gitkeep", "");
        MigrationCatalog c = MigrationDirectory.load(dir, DatabaseKind.SQLITE);
        assertEquals(vs(1, 2, 10), c.ordered().stream().map(Migration::version).toList());
        assertEquals(v(10), c.latestVersion());
        assertEquals(List.of("README.md"), c.ignored().stream().map(FileProblem::file).toList(),
                "passed over with a warning; hidden entries pass without one");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a FIFO opened for reading would block for good
    void entriesThatAreNotRegularFilesAreRefusedByName() throws Exception {
        write("0001_a.sql", migration(null));
        write("0007_real.sql", migration(null));
        Files.createDirectory(dir.resolve("0002_folder.sql"));
        Files.createDirectory(dir.resolve("3_folder.up.sql"));
        Files.createSymbolicLink(dir.resolve("0004_dangling.sql"), dir.resolve("gone.sql"));
        Files.createSymbolicLink(dir.resolve("0005_loop.sql"), dir.resolve("0005_loop.sql"));
        Files.createSymbolicLink(dir.resolve("0008_link.sql"), dir.resolve("0007_real.sql"));
        List<String> expected = new java.util.ArrayList<>(List.of("0002_folder.sql", "3_folder.up.sql",
                "0004_dangling.sql", "0005_loop.sql"));
        if (mkfifo(dir.resolve("0006_fifo.sql"))) {
            expected.add("0006_fifo.sql");
        }
        List<FileProblem> p = problems();
        assertEquals(expected.stream().sorted().toList(), p.stream().map(FileProblem::file).sorted().toList(),
                p.toString());
        assertTrue(p.stream().anyMatch(x -> x.message().startsWith("a folder")), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.message().contains("symbolic link")), p.toString());
        assertTrue(!expected.contains("0006_fifo.sql")
                || p.stream().anyMatch(x -> x.message().contains("FIFO")), p.toString());
        p.forEach(x -> assertTrue(x.message().contains("not a migration file"), x.toString()));
    }

    @Test
    void aLinkToARegularFileIsReadThroughIt() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve(".shared"));
        Files.writeString(elsewhere.resolve("m.sql"), migration(null));
        Files.createSymbolicLink(dir.resolve("0001_linked.sql"), elsewhere.resolve("m.sql"));
        assertEquals(vs(1), MigrationDirectory.load(dir, DatabaseKind.SQLITE).ordered().stream()
                .map(Migration::version).toList());
    }

    /** Makes a FIFO with the system's mkfifo; false (and the FIFO case goes untested) where there is none. */
    private static boolean mkfifo(Path path) throws Exception {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            return p.waitFor() == 0 && Files.exists(path);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void inAGolangMigrateFolderFilesThatAreNotItsMigrationsAreIgnoredWithAWarning() throws Exception {
        write("1_a.up.sql", "CREATE TABLE a (id INTEGER);");
        write("1_a.down.sql", "DROP TABLE a;");
        write("2_add_c_up.sql", "ALTER TABLE a ADD COLUMN c INTEGER;");
        write("seed.sql", "INSERT INTO a VALUES (1);");
        write("README.md", "how to run");
        write("notes.txt", "todo");
        write("V9__x.sql.conf", "executeInTransaction=false\n");
        write("flyway.conf", "flyway.locations=filesystem:.\n");
        Files.createDirectory(dir.resolve("archive"));
        MigrationCatalog c = MigrationDirectory.load(dir, DatabaseKind.SQLITE);
        assertEquals(vs(1), c.ordered().stream().map(Migration::version).toList());
        assertEquals(List.of("2_add_c_up.sql", "README.md", "V9__x.sql.conf", "archive", "flyway.conf",
                        "notes.txt", "seed.sql"),
                c.ignored().stream().map(FileProblem::file).sorted().toList(), c.ignored().toString());
        c.ignored().forEach(p -> assertTrue(p.message().startsWith("ignored: "), p.toString()));
    }

    @Test
    void whereOurFormatIsInUseAMalformedFileIsStillRefused() throws Exception {
        write("1_a.up.sql", "CREATE TABLE a (id INTEGER);");
        write("0002_ours.sql", migration(null));
        write("3_add_c_up.sql", "ALTER TABLE a ADD COLUMN c INTEGER;");
        write("seed.sql", "INSERT INTO a VALUES (1);");
        List<FileProblem> p = problems();
        assertEquals(List.of("3_add_c_up.sql", "seed.sql"), p.stream().map(FileProblem::file).sorted().toList(),
                p.toString());
    }

    @Test
    void dependencyOnALaterVersionRunsAfterIt() throws Exception {
        write("0001_a.sql", migration(null));
        write("0002_b.sql", migration("3"));
        write("0003_c.sql", migration(null));
        MigrationCatalog c = MigrationDirectory.load(dir, DatabaseKind.SQLITE);
        assertEquals(vs(1, 3, 2), c.ordered().stream().map(Migration::version).toList());
    }

    /** A dependency on a dotted version (a Flyway file beside ours), written as it or with trailing zeros. */
    @Test
    void dependenciesOnDottedVersionsOrderTheRun() throws Exception {
        write("0001_a.sql", migration("1.2.0"));
        write("V1_2__b.sql", "SELECT 2;");
        write("V1.1__c.sql", "SELECT 3;");
        write("0002_d.sql", migration("1.1, 01.2"));
        MigrationCatalog c = MigrationDirectory.load(dir, DatabaseKind.SQLITE);
        assertEquals(List.of(v("1.1"), v("1.2"), v(1), v(2)), c.ordered().stream().map(Migration::version).toList());
        assertEquals(List.of(v("1.1"), v("1.2")), c.find(v(2)).orElseThrow().dependsOn());
        write("0003_e.sql", migration("1.3"));
        write("0004_f.sql", migration("1..3"));
        List<FileProblem> p = problems();
        assertTrue(p.stream().anyMatch(x -> x.message().equals("depends on version 1.3, which has no migration file")),
                p.toString());
        assertTrue(p.stream().anyMatch(x -> x.file().equals("0004_f.sql") && x.message().contains("not a version")),
                p.toString());
    }

    @Test
    void duplicateVersionNamesBothFiles() throws Exception {
        write("0001_a.sql", migration(null));
        write("migration_001_b.sql", migration(null));
        List<FileProblem> p = problems();
        assertEquals(1, p.size());
        assertTrue(p.get(0).message().contains("duplicate version 1"), p.toString());
        assertTrue(p.get(0).toString().contains("0001_a.sql") && p.get(0).toString().contains("migration_001_b.sql"));
    }

    @Test
    void missingDependencyNamesTheDirectiveLine() throws Exception {
        write("0001_a.sql", "-- migrate:description a\n" + migration("7"));
        List<FileProblem> p = problems();
        assertEquals(new FileProblem("0001_a.sql", 2, "depends on version 7, which has no migration file"), p.get(0));
    }

    @Test
    void cycleIsNamed() throws Exception {
        write("0001_a.sql", migration(null));
        write("0002_b.sql", migration("3"));
        write("0003_c.sql", migration("4"));
        write("0004_d.sql", migration("2"));
        List<FileProblem> p = problems();
        assertEquals(1, p.size());
        assertEquals("dependency cycle: 2 -> 3 -> 4 -> 2", p.get(0).message());
        assertEquals("0002_b.sql", p.get(0).file());
        assertEquals(1, p.get(0).line());
    }

    @Test
    void everyBadFileIsReportedAtOnce() throws Exception {
        write("0001_a.sql", "-- migrate:down\nSELECT 1;\n");
        write("0002_b.sql", "-- migrate:bogus\n-- migrate:up\nSELECT 1;\n");
        write("oops.sql", migration(null));
        assertEquals(3, problems().size());
    }

    @Test
    void invalidUtf8IsReported() throws Exception {
        Files.write(dir.resolve("0001_a.sql"), new byte[]{'-', '-', ' ', (byte) 0xC3, (byte) 0x28});
        assertTrue(problems().get(0).message().contains("UTF-8"));
    }

    @Test
    void invalidUtf8IsReportedInAFileThatAlsoHoldsTheReplacementCharacter() throws Exception {
        byte[] valid = "-- migrate:up\nSELECT '\uFFFD';\n-- ".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(valid, valid.length + 2);
        bytes[valid.length] = (byte) 0xC3;
        bytes[valid.length + 1] = (byte) 0x28;
        Files.write(dir.resolve("0001_a.sql"), bytes);
        assertTrue(problems().get(0).message().contains("UTF-8"));
    }

    @Test
    void theReplacementCharacterWrittenInAFileIsText() throws Exception {
        write("0001_a.sql", "-- migrate:up\nSELECT '\uFFFD';\n");
        MigrationCatalog c = MigrationDirectory.load(dir, DatabaseKind.SQLITE);
        assertTrue(c.ordered().get(0).up().statements().get(0).sql().contains("\uFFFD"));
    }

    @Test
    void missingFolderIsReported() {
        assertThrows(NoSuchFileException.class, () -> MigrationDirectory.load(dir.resolve("nope"), DatabaseKind.SQLITE));
    }
}
