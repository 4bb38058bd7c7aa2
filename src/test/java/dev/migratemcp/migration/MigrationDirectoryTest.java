package dev.migratemcp.migration;

import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

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
        MigrationCatalog c = MigrationDirectory.load(dir, DatabaseKind.SQLITE);
        assertEquals(List.of(1L, 2L, 10L), c.ordered().stream().map(Migration::version).toList());
        assertEquals(10, c.latestVersion());
    }

    @Test
    void dependencyOnALaterVersionRunsAfterIt() throws Exception {
        write("0001_a.sql", migration(null));
        write("0002_b.sql", migration("3"));
        write("0003_c.sql", migration(null));
        MigrationCatalog c = MigrationDirectory.load(dir, DatabaseKind.SQLITE);
        assertEquals(List.of(1L, 3L, 2L), c.ordered().stream().map(Migration::version).toList());
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
    void missingFolderIsReported() {
        assertThrows(NoSuchFileException.class, () -> MigrationDirectory.load(dir.resolve("nope"), DatabaseKind.SQLITE));
    }
}
