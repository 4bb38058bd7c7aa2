package dev.migratemcp.migration;

import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Re-reading a folder reuses the parse of a file that reads exactly the same, and only then: a change of one
 * character is seen even when the file keeps its size and its modification time.
 */
class ParsedFilesTest {

    @TempDir
    Path dir;

    private static final String OWN = "-- migrate:up\nCREATE TABLE a (id INTEGER);\n-- migrate:down\nDROP TABLE a;\n";
    private static final String GOLANG_UP = "CREATE TABLE b (id INTEGER);\n";

    private List<Migration> load() throws Exception {
        return MigrationDirectory.load(dir, DatabaseKind.SQLITE).ordered();
    }

    @Test
    void anUnchangedFolderIsNotParsedAgain() throws Exception {
        Files.writeString(dir.resolve("0001_a.sql"), OWN);
        List<Migration> first = load();
        List<Migration> second = load();
        assertSame(first.get(0), second.get(0));

        Path flywayDir = Files.createDirectory(dir.resolve("flyway"));
        Files.writeString(flywayDir.resolve("V1__b.sql"), GOLANG_UP);
        Files.writeString(flywayDir.resolve("U1__b.sql"), "DROP TABLE b;\n");
        Migration paired = MigrationDirectory.load(flywayDir, DatabaseKind.SQLITE).ordered().get(0);
        assertSame(paired, MigrationDirectory.load(flywayDir, DatabaseKind.SQLITE).ordered().get(0));
        // the down half is part of what the parse read
        Files.writeString(flywayDir.resolve("U1__b.sql"), "DROP TABLE c;\n");
        Migration changed = MigrationDirectory.load(flywayDir, DatabaseKind.SQLITE).ordered().get(0);
        assertEquals("DROP TABLE c", changed.down().statements().get(0).sql());
    }

    @Test
    void aChangeOfSameSizeAndTimeIsSeen() throws Exception {
        Path file = Files.writeString(dir.resolve("0001_a.sql"), OWN);
        FileTime written = Files.getLastModifiedTime(file);
        Migration before = load().get(0);
        Files.writeString(file, OWN.replace("TABLE a", "TABLE b"));
        Files.setLastModifiedTime(file, written);
        Migration after = load().get(0);
        assertNotSame(before, after);
        assertNotEquals(before.checksum(), after.checksum());
        assertEquals("CREATE TABLE b (id INTEGER)", after.up().statements().get(0).sql());
    }

    @Test
    void theSameTextForAnotherDatabaseIsParsedForIt() throws Exception {
        Files.writeString(dir.resolve("0001_a.sql"), OWN);
        Migration sqlite = load().get(0);
        Migration mysql = MigrationDirectory.load(dir, DatabaseKind.MYSQL).ordered().get(0);
        assertNotSame(sqlite, mysql);
    }

    @Test
    void aFailedParseIsNotKept() throws Exception {
        Path file = Files.writeString(dir.resolve("0001_a.sql"), "-- migrate:up\nSELECT 'unclosed;\n");
        assertThrows(MigrationFileException.class, this::load);
        assertThrows(MigrationFileException.class, this::load);
        Files.writeString(file, OWN);
        assertEquals(1, load().size());
    }
}
