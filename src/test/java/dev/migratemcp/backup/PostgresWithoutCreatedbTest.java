package dev.migratemcp.backup;

import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.engine.ErrorCode;
import dev.migratemcp.engine.MigrateException;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ProgressListener;
import dev.migratemcp.engine.VerifyReport;
import dev.migratemcp.testing.TestDatabase;
import dev.migratemcp.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static dev.migratemcp.backup.RestoreSafetyTest.execute;
import static dev.migratemcp.backup.RestoreSafetyTest.exists;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A PostgreSQL role without CREATEDB checks a backup (deep) in a scratch schema of its own database, the backup's
 * one schema restored there under the scratch schema's name, and so can restore it; where that is not sound (a
 * pg_dump archive, which names its schema in every statement; a dump whose statements name the schema) it says so
 * plainly and changes nothing.
 */
class PostgresWithoutCreatedbTest {

    @TempDir
    Path backups;

    private TestDatabase db;
    private String role;
    private String url;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create(DatabaseKind.POSTGRESQL);
        role = "mm_nocreatedb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        execute(TestServers.postgresUrl(), "CREATE ROLE " + role + " LOGIN NOCREATEDB",
                "GRANT CREATE ON DATABASE test TO " + role, "ALTER SCHEMA " + db.name() + " OWNER TO " + role);
        url = db.jdbcUrl().replaceAll("([?&])user=[^&]*", "$1user=" + role);
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
        execute(TestServers.postgresUrl(), "DROP OWNED BY " + role, "DROP ROLE " + role);
    }

    private MigrationEngine engine(String method) {
        return new MigrationEngine(Config.resolve(new Config.Options(url, null, null, "migrations", null, 30.0,
                backups.toString(), "never", null, method), Map.of()));
    }

    @Test
    void aBuiltinBackupIsCheckedInAScratchSchemaAndRestored() throws Exception {
        try (MigrationEngine engine = engine("builtin")) {
            engine.apply(null, false, ProgressListener.NONE);
            execute(url, "INSERT INTO system_config (config_key, value) VALUES ('kept', 'yes')");
            BackupManifest m = engine.createBackup(null);
            VerifyReport deep = engine.verifyBackup(m.id(), true);
            assertTrue(deep.valid(), deep.problems().toString());
            execute(url, "DELETE FROM system_config", "CREATE TABLE made_after (id INTEGER)");
            assertEquals("restored", engine.restoreBackup(m.id(), true).status());
            assertTrue(exists(url, "SELECT value = 'yes' FROM system_config WHERE config_key = 'kept'"));
            assertTrue(exists(url, "SELECT count(*) = 0 FROM pg_tables WHERE tablename = 'made_after'"));
            assertTrue(exists(url, "SELECT count(*) = 0 FROM pg_namespace WHERE nspname LIKE "
                    + "'migrate\\_mcp\\_scratch\\_%' AND pg_get_userbyid(nspowner) = '" + role + "'"),
                    "no scratch schema is left");
        }
    }

    /** The deep check compares for real in the scratch schema: a backup whose rows are not as recorded fails it. */
    @Test
    void theScratchSchemaCheckFindsWhatDiffersFromTheManifest() throws Exception {
        try (MigrationEngine engine = engine("builtin")) {
            engine.apply(null, false, ProgressListener.NONE);
            BackupManifest m = engine.createBackup(null);
            BackupManifest wrong = new BackupManifest(m.id(), m.databaseKind(), m.database(), m.schemaVersion(),
                    m.method(), m.file(), m.sizeBytes(), m.sha256(), m.rowCounts(), m.createdAt(), m.label(),
                    m.schema(), m.extensions(), m.snapshot(), Map.of("system_config", "0".repeat(64)),
                    m.contentHash());
            java.nio.file.Files.writeString(backups.resolve(m.id() + ".json"), dev.migratemcp.json.Json.pretty(wrong));
            VerifyReport deep = engine.verifyBackup(m.id(), true);
            assertFalse(deep.valid());
            assertTrue(deep.problems().toString().contains("system_config"), deep.problems().toString());
        }
    }

    @Test
    void aDumpThatNamesItsSchemaIsRefusedPlainlyAndNothingChanges() throws Exception {
        try (MigrationEngine engine = engine("builtin")) {
            engine.apply(null, false, ProgressListener.NONE);
            execute(url, "CREATE FUNCTION config_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM "
                    + db.name() + ".system_config'");
            BackupManifest m = engine.createBackup(null);
            VerifyReport deep = engine.verifyBackup(m.id(), true);
            assertFalse(deep.valid());
            assertTrue(deep.problems().toString().contains("its statements name schema " + db.name() + " itself"),
                    deep.problems().toString());
            execute(url, "CREATE TABLE made_after (id INTEGER)");
            MigrateException e = assertThrows(MigrateException.class, () -> engine.restoreBackup(m.id(), true));
            assertEquals(ErrorCode.RESTORE_REFUSED, e.code());
            assertTrue(exists(url, "SELECT count(*) = 1 FROM pg_tables WHERE tablename = 'made_after'"),
                    "nothing changed");
        }
    }

    /** A leftover scratch database this role may not drop is left as it is, and the cleanup does not fail. */
    @Test
    void anotherUsersLeftoverIsLeftAlone() throws Exception {
        String leftover = "migrate_mcp_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(TestServers.postgresUrl(), "CREATE DATABASE " + leftover);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
            // (not asked whether it still exists: a superuser's cleanup elsewhere on the server may drop it any time)
            assertFalse(Dialect.of(DatabaseKind.POSTGRESQL).dropAbandonedScratch(c).contains(leftover));
        } finally {
            execute(TestServers.postgresUrl(), "DROP DATABASE IF EXISTS " + leftover);
        }
    }

    @Test
    void aPgDumpArchiveIsRefusedPlainly() throws Exception {
        try (MigrationEngine engine = engine("auto")) {
            engine.apply(null, false, ProgressListener.NONE);
            BackupManifest m = engine.createBackup(null);
            org.junit.jupiter.api.Assumptions.assumeTrue(m.method().equals("pg_dump_custom"), "pg_dump is here");
            VerifyReport deep = engine.verifyBackup(m.id(), true);
            assertFalse(deep.valid());
            assertTrue(deep.problems().toString().contains("a pg_dump archive names its schema"),
                    deep.problems().toString());
            assertTrue(deep.problems().toString().contains("cannot create a database (CREATEDB)"),
                    deep.problems().toString());
        }
    }
}
