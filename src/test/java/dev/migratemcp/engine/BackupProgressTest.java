package dev.migratemcp.engine;

import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.testing.EngineFixture;
import dev.migratemcp.testing.MigrationFiles;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup reports its start once and its end once, whatever the method: the faces turn {@code done == 0} into
 * "backing up the database" and {@code done == total} into "backup written" (an MCP log notification, a CLI line),
 * so an end heard twice is a message said twice.
 */
class BackupProgressTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path migrationsDir;

    @TempDir
    Path backupsDir;

    /** What a face hears of the backups: "start", "copy" or "end" for each report, in order. */
    private static final class Heard implements ProgressListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void backupProgress(long done, long total) {
            assertTrue(total > 0 && done >= 0 && done <= total, done + " of " + total);
            events.add(done == 0 ? "start" : done == total ? "end" : "copy");
        }

        long count(String event) {
            return events.stream().filter(event::equals).count();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aBackupBeforeAnApplyStartsOnceAndEndsOnce(DatabaseKind kind) {
        TestDatabase db = fixture.database(kind);
        new MigrationFiles(migrationsDir).table(1);
        Heard heard = new Heard();
        try (MigrationEngine engine = new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null,
                migrationsDir.toString(), null, 5.0, backupsDir.toString(), "always", null), Map.of()))) {
            assertEquals("applied", engine.apply(null, false, heard).status());
        }
        assertEquals(1, heard.count("start"), "starts heard: " + heard.events);
        assertEquals(1, heard.count("end"), "ends heard: " + heard.events);
        assertEquals("start", heard.events.get(0), heard.events.toString());
        assertEquals("end", heard.events.get(heard.events.size() - 1), heard.events.toString());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aBuiltinBackupOnItsOwnStartsOnceAndEndsOnce(DatabaseKind kind) {
        TestDatabase db = fixture.database(kind);
        MigrationFiles files = new MigrationFiles(migrationsDir);
        files.table(1);
        files.table(2);
        Heard heard = new Heard();
        try (MigrationEngine engine = new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null,
                migrationsDir.toString(), null, 5.0, backupsDir.toString(), "never", null, "builtin"), Map.of()))) {
            engine.apply(null, false, ProgressListener.NONE);
            engine.createBackup("progress", heard);
        }
        assertEquals(1, heard.count("start"), "starts heard: " + heard.events);
        assertEquals(1, heard.count("end"), "ends heard: " + heard.events);
        assertEquals("end", heard.events.get(heard.events.size() - 1), heard.events.toString());
    }
}
