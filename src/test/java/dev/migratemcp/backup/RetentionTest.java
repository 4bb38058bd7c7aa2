package dev.migratemcp.backup;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.cli.MigrateCommand;
import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.engine.ErrorCode;
import dev.migratemcp.engine.MigrateException;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ProgressListener;
import dev.migratemcp.engine.RestoreReport;
import dev.migratemcp.json.Json;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Retention ({@code --keep N}) never deletes the backup a restore is about to read, nor prunes for a backup that failed
 * or that does not verify.
 */
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
            assertEquals(List.of(kept.id()), engine.listBackups().backups().stream().map(BackupManifest::id).toList(),
                    "the older backup is still there, and nothing of the failed one is listed");

            // a refusal of the dump, not an error of the database: backup_failed, saying what to use instead
            assertEquals(ErrorCode.BACKUP_FAILED, e.code());
            assertEquals("the backup was not taken: the builtin dump cannot carry system versioned table h",
                    e.getMessage());
            assertTrue(e.error().hint().contains("mariadb-dump or mysqldump") && e.error().hint().contains("--backup-before never")
                    && e.error().hint().contains("No older backup was pruned"), e.error().hint());
            // the faces: the CLI's --json is the JSON the MCP tools put in structuredContent
            JsonNode error = cliJson(db, "--keep", "1", "--backup-method", "builtin", "--json", "backup")
                    .get("error");
            assertEquals("backup_failed", error.get("code").asString(), error.toString());
            assertEquals(e.getMessage(), error.get("message").asString());
            assertEquals(e.error().hint(), error.get("hint").asString());
            assertEquals(List.of(kept.id()), engine.listBackups().backups().stream().map(BackupManifest::id).toList());
        }
    }

    /**
     * Retention prunes only after the new backup is verified too: a SQLite database whose index no longer matches its
     * table (the schema row edited, as a damaged file can be) is copied page for page, so the copy is complete but
     * fails the integrity check of verification. With --keep 1 the older backup is still there; pruning before the
     * check would have deleted it for a copy that cannot serve. The copy itself is deleted, so it never counts
     * towards --keep.
     */
    @Test
    void aBackupThatDoesNotVerifyPrunesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             MigrationEngine engine = new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null,
                     "migrations", null, 30.0, backups.toString(), "never", 1), Map.of()))) {
            engine.apply(v(2), false, ProgressListener.NONE);
            BackupManifest kept = engine.createBackup("kept");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
                s.execute("CREATE INDEX notes_body ON notes (body)");
                s.execute("INSERT INTO notes (body) VALUES ('a'), ('b'), ('c')");
                // the index's entries stay those of body while its definition now says id
                s.execute("PRAGMA writable_schema = ON");
                s.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX notes_body ON notes (id)' "
                        + "WHERE name = 'notes_body'");
            }
            MigrateException e = assertThrows(MigrateException.class, () -> engine.createBackup("damaged"));
            assertEquals(ErrorCode.BACKUP_FAILED, e.code());
            assertTrue(e.getMessage().startsWith("the backup just taken does not verify, so it was deleted: "
                    + "integrity check:"), e.getMessage());
            assertEquals(List.of(kept.id()), engine.listBackups().backups().stream().map(BackupManifest::id).toList(),
                    "the older backup was not pruned, and the one that does not verify is not kept (it would count "
                            + "towards --keep)");
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(backups)) {
                assertEquals(2, files.count(), "the kept backup's file and manifest, nothing else");
            }
        }
    }

    /** Runs the CLI on the database and the backups folder; what it printed on stdout, as JSON. */
    private JsonNode cliJson(TestDatabase db, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--url", db.jdbcUrl(), "--migrations", "migrations",
                "--backups", backups.toString()));
        all.addAll(List.of(args));
        PrintStream realOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = MigrateCommand.run(all.toArray(String[]::new));
            assertNotEquals(0, exit);
        } finally {
            System.setOut(realOut);
        }
        return Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
    }
}
