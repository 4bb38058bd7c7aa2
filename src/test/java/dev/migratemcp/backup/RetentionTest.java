package dev.migratemcp.backup;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.engine.MigrateException;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ProgressListener;
import dev.migratemcp.engine.RestoreReport;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Retention ({@code --keep N}) never deletes the backup a restore is about to read, nor prunes for a backup that failed. */
class RetentionTest {

    @TempDir
    Path backups;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void keepOneStillRestoresTheOlderBackup(DatabaseKind kind) {
        try (TestDatabase db = TestDatabase.create(kind);
             MigrationEngine engine = new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null,
                     "migrations", null, 30.0, backups.toString(), "never", 1), Map.of()))) {
            engine.apply(v(2), false, ProgressListener.NONE);
            BackupManifest atTwo = engine.createBackup("at two");
            engine.apply(v(3), false, ProgressListener.NONE);

            // the safety backup taken first must not prune the backup being restored
            RestoreReport r = engine.restoreBackup(atTwo.id(), true);
            assertEquals("restored", r.status());
            assertEquals(v(2), engine.status().currentVersion());
            List<String> ids = engine.listBackups().backups().stream().map(BackupManifest::id).toList();
            assertTrue(ids.contains(atTwo.id()), ids.toString());
            assertTrue(ids.contains(r.safetyBackup().id()), ids.toString());
        }
    }
    /**
     * Retention prunes only after a new backup is complete: one that fails (MariaDB: a system-versioned table, which
     * our dump refuses when the backup is taken) deletes no older backup, with --keep 1 as with any.
     */
    @Test
    void aBackupThatFailsPrunesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.MYSQL);
             MigrationEngine engine = new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null,
                     "migrations", null, 30.0, backups.toString(), "never", 1, "builtin"), Map.of()))) {
            try (Connection c = db.connect()) {
                assumeTrue(c.getMetaData().getDatabaseProductVersion().contains("MariaDB"),
                        "system-versioned tables are MariaDB's");
            }
            engine.apply(v(2), false, ProgressListener.NONE);
            BackupManifest kept = engine.createBackup("kept");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE h (x INT) WITH SYSTEM VERSIONING");
            }
            MigrateException e = assertThrows(MigrateException.class, () -> engine.createBackup("fails"));
            assertTrue(e.getMessage().contains("cannot carry system versioned table h"), e.getMessage());
            assertEquals(List.of(kept.id()), engine.listBackups().backups().stream().map(BackupManifest::id).toList(),
                    "the older backup is still there, and nothing of the failed one is listed");
        }
    }
}
