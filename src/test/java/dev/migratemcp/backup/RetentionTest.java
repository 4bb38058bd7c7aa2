package dev.migratemcp.backup;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ProgressListener;
import dev.migratemcp.engine.RestoreReport;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention ({@code --keep N}) never deletes the backup a restore is about to read. */
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
}
