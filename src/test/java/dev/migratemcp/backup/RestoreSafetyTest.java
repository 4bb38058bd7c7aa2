package dev.migratemcp.backup;

import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.engine.ErrorCode;
import dev.migratemcp.engine.MigrateException;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ProgressListener;
import dev.migratemcp.json.Json;
import dev.migratemcp.testing.TestDatabase;
import dev.migratemcp.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A restore never leaves the database worse than it was, and touches only what the backup holds: a backup that fails
 * half-way, a backup whose content is not what its manifest says, objects outside the backup that depend on it, a
 * missing extension; and what a PostgreSQL backup should carry (grants, owners, comments, extensions) comes back.
 */
class RestoreSafetyTest {

    @TempDir
    Path backups;

    private MigrationEngine engine(String url, String method) {
        return new MigrationEngine(Config.resolve(new Config.Options(url, null, null, "migrations", null, 30.0,
                backups.toString(), "never", null, method), Map.of()));
    }

    /** The URL with another user and password. */
    private static String asUser(String url, String user, String password) {
        return url.replaceAll("([?&])user=[^&]*", "$1user=" + user).replaceAll("([?&])password=[^&]*",
                "$1password=" + password);
    }

    /** A builtin backup of the migrated database holding a view whose definer is the test's own (admin) user. */
    private BackupManifest backupWithAViewOfItsOwnUser(TestDatabase db) throws Exception {
        try (MigrationEngine engine = engine(db.jdbcUrl(), "builtin")) {
            engine.apply(null, false, ProgressListener.NONE);
            execute(db.jdbcUrl(), "CREATE DEFINER = CURRENT_USER VIEW root_view AS SELECT 1 AS one");
            return engine.createBackup(null);
        }
    }

    /** Everything in the database: schema, and rows and content hash per table. */
    /**
     * Restores backup {@code id} over the database at {@code url} expecting a refusal before anything changes: checks
     * the error's code and that the database is as it was, and returns the error for its message to be checked.
     */
    private static MigrateException refusedWithNothingChanged(MigrationEngine engine, String id, String url,
                                                              DatabaseKind kind) throws Exception {
        CopyFacts before = facts(url, kind);
        MigrateException e = assertThrows(MigrateException.class, () -> engine.restoreBackup(id, true));
        assertEquals(ErrorCode.RESTORE_REFUSED, e.code(), e.getMessage());
        assertEquals(before, facts(url, kind), "a refused restore changes nothing");
        return e;
    }

    private static CopyFacts facts(String url, DatabaseKind kind) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try {
                return CopyFacts.of(c, Dialect.of(kind));
            } finally {
                c.rollback();
            }
        }
    }

    static void execute(String url, String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    static boolean exists(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** The backup as its method wrote it, changed by {@code damage}, with the manifest's size and SHA-256 made to
     * match again: a file that passes every shallow check and fails only when it is replayed. */
    private BackupManifest tamper(BackupManifest m, FileEdit damage) throws Exception {
        Path file = backups.resolve(m.file());
        damage.edit(file);
        byte[] bytes = Files.readAllBytes(file);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        BackupManifest changed = new BackupManifest(m.id(), m.databaseKind(), m.database(), m.schemaVersion(),
                m.method(), m.file(), bytes.length, sha, m.rowCounts(), m.createdAt(), m.label(), m.schema(),
                m.extensions(), m.snapshot(), m.contentHashes(), m.contentHash());
        Files.writeString(backups.resolve(m.id() + ".json"), Json.pretty(changed));
        return changed;
    }

    @FunctionalInterface
    private interface FileEdit {
        void edit(Path file) throws Exception;
    }

    /** A statement that fails, put into a logical dump after its first table's rows. */
    private static void breakLogicalDump(Path file) throws Exception {
        editLogicalDump(file, lines -> {
            int end = lines.indexOf("{\"end\":\"rows\"}");
            assertTrue(end > 0, "the dump has rows");
            lines.add(end + 1, "{\"sql\":\"SELECT no_such_function_here()\"}");
        });
    }

    /** Rewrites a logical dump (gzip-compressed JSON lines) with its lines changed by {@code edit}. */
    private static void editLogicalDump(Path file, java.util.function.Consumer<List<String>> edit) throws Exception {
        List<String> lines;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            lines = new java.util.ArrayList<>(in.lines().toList());
        }
        edit.accept(lines);
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
                Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
    }

    /** A statement that fails, put half-way into a mysqldump file (between two of its statements). */
    private static void breakSqlDump(Path file) throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
        int half = lines.size() / 2;
        while (!lines.get(half).endsWith(";")) {
            half++;
        }
        lines.add(half + 1, "SELECT no_such_function_here();");
        Files.write(file, lines, StandardCharsets.ISO_8859_1);
    }

    /** A SQLite copy cut off half-way. */
    private static void truncate(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }

    /**
     * A backup that fails half-way through its replay is refused after the scratch restore, and the database is
     * exactly as before; where the replay itself runs on the target (SQLite, PostgreSQL), running it there directly
     * changes nothing either: the replacement happens in one transaction.
     */
    @ParameterizedTest
    @CsvSource({"SQLITE, auto", "POSTGRESQL, auto", "POSTGRESQL, builtin", "MYSQL, auto", "MYSQL, builtin"})
    void aBackupThatFailsHalfWayChangesNothing(DatabaseKind kind, String method) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind); MigrationEngine engine = engine(db.jdbcUrl(), method)) {
            engine.apply(null, false, ProgressListener.NONE);
            execute(db.jdbcUrl(), "CREATE TABLE bulk (id INTEGER PRIMARY KEY, note VARCHAR(100))",
                    "INSERT INTO bulk (id, note) VALUES (1, 'one'), (2, 'two'), (3, 'three')");
            BackupManifest m = engine.createBackup("to be damaged");
            execute(db.jdbcUrl(), "DELETE FROM bulk WHERE id = 2", "CREATE TABLE made_after (id INTEGER)");
            CopyFacts before = facts(db.jdbcUrl(), kind);

            String dumpMethod = m.method();
            if (dumpMethod.equals("pg_dump_custom")) {
                // the owner the archive names is gone: the replay fails at its ALTER ... OWNER, after CREATE TABLE
                String role = "mm_gone_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
                execute(db.jdbcUrl(), "CREATE ROLE " + role, "ALTER TABLE bulk OWNER TO " + role);
                m = engine.createBackup("owned by a role that will be gone");
                execute(db.jdbcUrl(), "ALTER TABLE bulk OWNER TO CURRENT_USER", "DROP ROLE " + role);
            } else {
                m = tamper(m, switch (dumpMethod) {
                    case "sqlite_backup_api" -> RestoreSafetyTest::truncate;
                    case "mysqldump" -> RestoreSafetyTest::breakSqlDump;
                    default -> RestoreSafetyTest::breakLogicalDump;
                });
            }
            String id = m.id();
            MigrateException e = assertThrows(MigrateException.class, () -> engine.restoreBackup(id, true));
            // a cut-off SQLite file already fails its integrity check; the others fail only when replayed
            assertEquals(kind == DatabaseKind.SQLITE ? ErrorCode.BACKUP_INVALID : ErrorCode.RESTORE_REFUSED, e.code(),
                    e.getMessage());
            assertEquals(before, facts(db.jdbcUrl(), kind), "a refused restore changes nothing");

            if (kind == DatabaseKind.POSTGRESQL) {
                // MySQL replaces by swapping in a staged copy that restored whole, SQLite by a page copy of a file
                // that passed its integrity check (the kill test covers both); PostgreSQL replays the file itself
                BackupManifest damaged = m;
                BackupMethod replay = BackupService.methodById(damaged.method());
                try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
                    assertThrows(Exception.class, () -> replay.replace(c, dev.migratemcp.config.DatabaseUrls.parse(
                            db.jdbcUrl(), null, null), backups.resolve(damaged.file()), damaged, null));
                }
                assertEquals(before, facts(db.jdbcUrl(), kind), "a replay that fails half-way changes nothing");
            }
        }
    }

    /** A backup whose rows are not what its manifest recorded fails deep verification and is not restored. */
    @ParameterizedTest
    @CsvSource({"SQLITE, auto", "POSTGRESQL, auto", "POSTGRESQL, builtin", "MYSQL, auto", "MYSQL, builtin"})
    void aBackupUnlikeItsManifestIsRefused(DatabaseKind kind, String method) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind); MigrationEngine engine = engine(db.jdbcUrl(), method)) {
            engine.apply(null, false, ProgressListener.NONE);
            execute(db.jdbcUrl(), "INSERT INTO users (username, email, password_hash) VALUES ('ana', 'a@x', 'h')");
            BackupManifest m = engine.createBackup(null);
            assertTrue(engine.verifyBackup(m.id(), true).valid(), engine.verifyBackup(m.id(), true).problems()
                    .toString());
            Map<String, String> hashes = new java.util.LinkedHashMap<>(m.contentHashes());
            hashes.put("users", "0".repeat(64));
            BackupManifest lying = new BackupManifest(m.id(), m.databaseKind(), m.database(), m.schemaVersion(),
                    m.method(), m.file(), m.sizeBytes(), m.sha256(), m.rowCounts(), m.createdAt(), m.label(),
                    m.schema(), m.extensions(), m.snapshot(), hashes, m.contentHash());
            Files.writeString(backups.resolve(m.id() + ".json"), Json.pretty(lying));

            assertTrue(engine.verifyBackup(m.id()).valid(), "the file itself is intact");
            var deep = engine.verifyBackup(m.id(), true);
            assertFalse(deep.valid());
            assertEquals(List.of("table users has the recorded number of rows, but not the recorded content"),
                    deep.problems());
            execute(db.jdbcUrl(), "DELETE FROM users");
            MigrateException e = assertThrows(MigrateException.class, () -> engine.restoreBackup(m.id(), true));
            assertEquals(ErrorCode.RESTORE_REFUSED, e.code());
            assertFalse(exists(db.jdbcUrl(), "SELECT COUNT(*) > 0 FROM users"), "nothing was restored");
        }
    }

    /**
     * A dump that restores whole but leaves an object out (as the builtin dumps once left types, routines and
     * triggers out) fails deep verification on the schema, naming the object, and is not restored.
     */
    @ParameterizedTest
    @CsvSource({"POSTGRESQL, builtin", "MYSQL, builtin"})
    void aDumpThatLeavesAnObjectOutFailsDeepVerification(DatabaseKind kind, String method) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind); MigrationEngine engine = engine(db.jdbcUrl(), method)) {
            engine.apply(null, false, ProgressListener.NONE);
            BackupManifest m = tamper(engine.createBackup(null), RestoreSafetyTest::leaveTheViewOut);
            assertTrue(engine.verifyBackup(m.id()).valid(), "the file itself is intact");
            var deep = engine.verifyBackup(m.id(), true);
            assertFalse(deep.valid());
            assertTrue(deep.problems().stream().anyMatch(p -> p.startsWith("schema: ")
                    && p.contains("server_request_summary")), deep.problems().toString());
            CopyFacts before = facts(db.jdbcUrl(), kind);
            MigrateException e = assertThrows(MigrateException.class, () -> engine.restoreBackup(m.id(), true));
            assertEquals(ErrorCode.RESTORE_REFUSED, e.code());
            assertEquals(before, facts(db.jdbcUrl(), kind), "nothing changed");
        }
    }

    /** A logical dump without the statement that makes the view server_request_summary. */
    private static void leaveTheViewOut(Path file) throws Exception {
        editLogicalDump(file, lines -> assertTrue(lines.removeIf(l -> l.toUpperCase(java.util.Locale.ROOT)
                .contains("VIEW") && l.contains("server_request_summary")), "the dump makes the view"));
    }

    /** A view, a foreign key and a function in another schema that depend on this one are named, and survive. */
    @ParameterizedTest
    @ValueSource(strings = {"auto", "builtin"})
    void postgresRefusesToDropWhatOtherSchemasUse(String method) throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase other = TestDatabase.create(DatabaseKind.POSTGRESQL);
             MigrationEngine engine = engine(db.jdbcUrl(), method)) {
            engine.apply(null, false, ProgressListener.NONE);
            BackupManifest m = engine.createBackup(null);
            String s = db.name();
            String o = other.name();
            execute(other.jdbcUrl(), "CREATE VIEW " + o + ".server_names AS SELECT name FROM " + s + ".mock_servers",
                    "CREATE TABLE " + o + ".notes (user_id INTEGER REFERENCES " + s + ".users (id))",
                    // a SQL-standard body is parsed when made, so pg_depend records the table it reads
                    "CREATE FUNCTION " + o + ".user_count() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) "
                            + "FROM " + s + ".users; END");
            MigrateException e = assertThrows(MigrateException.class, () -> engine.restoreBackup(m.id(), true));
            assertEquals(ErrorCode.RESTORE_REFUSED, e.code());
            assertTrue(e.getMessage().contains("view " + o + ".server_names"), e.getMessage());
            assertTrue(e.getMessage().contains("notes_user_id_fkey on table " + o + ".notes"), e.getMessage());
            assertTrue(e.getMessage().contains("function " + o + ".user_count()"), e.getMessage());
            assertTrue(exists(other.jdbcUrl(), "SELECT to_regclass('" + o + ".server_names') IS NOT NULL"));
            assertTrue(exists(other.jdbcUrl(), "SELECT COUNT(*) = 1 FROM pg_constraint WHERE conname = "
                    + "'notes_user_id_fkey'"));
            assertTrue(exists(other.jdbcUrl(), "SELECT " + o + ".user_count() >= 0"), "the function still works");
        }
    }

    /**
     * A backup holds the connection's schema (PostgreSQL) or database (MySQL) only: a table beside it is not in the
     * manifest, and a restore leaves it as it is, rows written after the backup included.
     */
    @ParameterizedTest
    @CsvSource({"POSTGRESQL, auto", "POSTGRESQL, builtin", "MYSQL, auto", "MYSQL, builtin"})
    void aBackupHoldsItsSchemaOrDatabaseOnly(DatabaseKind kind, String method) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind);
             TestDatabase beside = TestDatabase.create(kind);
             MigrationEngine engine = engine(db.jdbcUrl(), method)) {
            engine.apply(null, false, ProgressListener.NONE);
            execute(beside.jdbcUrl(), "CREATE TABLE elsewhere (id INTEGER PRIMARY KEY)",
                    "INSERT INTO elsewhere VALUES (1)");
            BackupManifest m = engine.createBackup(null);
            assertFalse(m.rowCounts().containsKey("elsewhere"), m.rowCounts().toString());
            execute(beside.jdbcUrl(), "INSERT INTO elsewhere VALUES (2)");
            CopyFacts besideBefore = facts(beside.jdbcUrl(), kind);
            assertEquals("restored", engine.restoreBackup(m.id(), true).status());
            assertEquals(besideBefore, facts(beside.jdbcUrl(), kind));
            assertEquals(2L, besideBefore.rows().get("elsewhere"));
        }
    }

    /** A foreign key from another database into this one is named, and the restore does not start. */
    @ParameterizedTest
    @ValueSource(strings = {"auto", "builtin"})
    void mysqlRefusesToBreakForeignKeysFromOtherDatabases(String method) throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.MYSQL);
             TestDatabase other = TestDatabase.create(DatabaseKind.MYSQL);
             MigrationEngine engine = engine(db.jdbcUrl(), method)) {
            engine.apply(null, false, ProgressListener.NONE);
            BackupManifest m = engine.createBackup(null);
            execute(other.jdbcUrl(), "CREATE TABLE notes (user_id INTEGER, CONSTRAINT notes_user FOREIGN KEY "
                    + "(user_id) REFERENCES " + db.name() + ".users (id))");
            MigrateException e = refusedWithNothingChanged(engine, m.id(), db.jdbcUrl(), DatabaseKind.MYSQL);
            assertTrue(e.getMessage().contains("foreign key notes_user on table " + other.name() + ".notes"),
                    e.getMessage());
        }
    }

    /**
     * MySQL: a view in another database that uses a table the backup lacks would be broken by the swap, so it is
     * named and nothing changes; one that uses a table the backup holds keeps working after the restore (the
     * backup's table comes back under the same name).
     */
    @ParameterizedTest
    @ValueSource(strings = {"auto", "builtin"})
    void mysqlRefusesToBreakViewsInOtherDatabases(String method) throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.MYSQL);
             TestDatabase other = TestDatabase.create(DatabaseKind.MYSQL);
             MigrationEngine engine = engine(db.jdbcUrl(), method)) {
            engine.apply(null, false, ProgressListener.NONE);
            BackupManifest m = engine.createBackup(null);
            execute(db.jdbcUrl(), "CREATE TABLE made_after (id INTEGER)");
            execute(other.jdbcUrl(), "CREATE VIEW uses_new AS SELECT id FROM " + db.name() + ".made_after",
                    "CREATE VIEW uses_users AS SELECT id FROM " + db.name() + ".users");
            CopyFacts before = facts(db.jdbcUrl(), DatabaseKind.MYSQL);
            MigrateException e = assertThrows(MigrateException.class, () -> engine.restoreBackup(m.id(), true));
            assertEquals(ErrorCode.RESTORE_REFUSED, e.code());
            assertTrue(e.getMessage().contains("view " + other.name() + ".uses_new (outside this database) uses table "
                    + "made_after"), e.getMessage());
            assertFalse(e.getMessage().contains("uses_users"), e.getMessage());
            assertEquals(before, facts(db.jdbcUrl(), DatabaseKind.MYSQL));

            execute(other.jdbcUrl(), "DROP VIEW uses_new");
            assertEquals("restored", engine.restoreBackup(m.id(), true).status());
            assertTrue(exists(other.jdbcUrl(), "SELECT COUNT(*) >= 0 FROM uses_users"), "the view still works");
        }
    }

    /**
     * MySQL: routines, events, triggers and views made after the backup are gone after the restore, and the backup's
     * are there: the database holds what the backup holds, nothing more.
     */
    @ParameterizedTest
    @ValueSource(strings = {"auto", "builtin"})
    void mysqlRestoreLeavesNoObjectTheBackupLacks(String method) throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.MYSQL);
             MigrationEngine engine = engine(db.jdbcUrl(), method)) {
            engine.apply(null, false, ProgressListener.NONE);
            execute(db.jdbcUrl(), "CREATE PROCEDURE kept_proc() SELECT 1");
            BackupManifest m = engine.createBackup(null);
            execute(db.jdbcUrl(), "CREATE PROCEDURE extra_proc() SELECT 2",
                    "CREATE FUNCTION extra_fn() RETURNS INT DETERMINISTIC RETURN 3",
                    "CREATE EVENT extra_event ON SCHEDULE EVERY 1 DAY STARTS '2037-01-01 00:00:00' DISABLE DO SELECT 4",
                    "CREATE TRIGGER extra_trigger BEFORE INSERT ON users FOR EACH ROW SET NEW.username = NEW.username",
                    "CREATE VIEW extra_view AS SELECT 5 AS five");
            assertEquals("restored", engine.restoreBackup(m.id(), true).status());
            assertTrue(exists(db.jdbcUrl(), "SELECT GROUP_CONCAT(ROUTINE_NAME) = 'kept_proc' FROM "
                    + "information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()"), "routines: the backup's only");
            assertTrue(exists(db.jdbcUrl(), "SELECT COUNT(*) = 0 FROM information_schema.EVENTS WHERE "
                    + "EVENT_SCHEMA = DATABASE()"), "no event");
            assertTrue(exists(db.jdbcUrl(), "SELECT COUNT(*) = 0 FROM information_schema.TRIGGERS WHERE "
                    + "TRIGGER_SCHEMA = DATABASE()"), "no trigger");
            assertTrue(exists(db.jdbcUrl(), "SELECT GROUP_CONCAT(TABLE_NAME) = 'server_request_summary' FROM "
                    + "information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()"), "views: the backup's only");
            assertEquals(m.snapshot(), facts(db.jdbcUrl(), DatabaseKind.MYSQL).schema());
        }
    }

    /**
     * MySQL: a definer of the backup's views, routines, triggers and events that is gone from the server is named
     * before anything changes: no safety backup is taken, nothing is replaced.
     */
    @ParameterizedTest
    @ValueSource(strings = {"auto", "builtin"})
    void mysqlNamesAMissingDefinerBeforeChangingAnything(String method) throws Exception {
        String definer = "mm_def_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String admin = TestServers.mysqlUrl();
        try (TestDatabase db = TestDatabase.create(DatabaseKind.MYSQL);
             MigrationEngine engine = engine(db.jdbcUrl(), method)) {
            engine.apply(null, false, ProgressListener.NONE);
            execute(admin, "CREATE USER '" + definer + "'@'%'", "GRANT ALL ON " + db.name() + ".* TO '" + definer
                    + "'@'%'");
            execute(db.jdbcUrl(), "CREATE DEFINER = '" + definer + "'@'%' VIEW defined_view AS SELECT 1 AS one",
                    "CREATE DEFINER = `" + definer + "`@`%` PROCEDURE defined_proc() SELECT 2",
                    "CREATE DEFINER = CURRENT_USER TRIGGER mine BEFORE INSERT ON users FOR EACH ROW "
                            + "SET NEW.username = NEW.username");
            BackupManifest m = engine.createBackup(null);
            execute(admin, "DROP USER '" + definer + "'@'%'");
            execute(db.jdbcUrl(), "DELETE FROM system_config");
            MigrateException e = refusedWithNothingChanged(engine, m.id(), db.jdbcUrl(), DatabaseKind.MYSQL);
            assertTrue(e.getMessage().contains("definer '" + definer + "'@'%' of 2 object(s) of the backup (views, "
                    + "triggers, routines, events) does not exist on this server"), e.getMessage());
            assertTrue(e.getMessage().contains("CREATE USER '" + definer + "'@'%'"), "the hint: " + e.getMessage());
            assertFalse(e.getMessage().contains("root"), "the current user, the trigger's definer, exists: "
                    + e.getMessage());
            assertEquals(List.of(m.id()), engine.listBackups().backups().stream().map(BackupManifest::id).toList(),
                    "refused before the safety backup");
        } finally {
            execute(admin, "DROP USER IF EXISTS '" + definer + "'@'%'");
        }
    }

    /**
     * MySQL: a restoring user without SUPER or SET USER cannot make objects for another account; a backup naming one
     * is refused before anything changes, naming the definer and what the user lacks.
     */
    @Test
    void mysqlRefusesDefinersTheRestoringUserMayNotName() throws Exception {
        String app = "mm_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String admin = TestServers.mysqlUrl();
        try (TestDatabase db = TestDatabase.create(DatabaseKind.MYSQL)) {
            execute(admin, "CREATE USER '" + app + "'@'%' IDENTIFIED BY 'app-pw'", "GRANT ALL ON " + db.name()
                    + ".* TO '" + app + "'@'%'");
            BackupManifest m = backupWithAViewOfItsOwnUser(db);
            String asApp = asUser(db.jdbcUrl(), app, "app-pw");
            CopyFacts before = facts(db.jdbcUrl(), DatabaseKind.MYSQL);
            try (MigrationEngine engine = engine(asApp, "builtin")) {
                MigrateException e = assertThrows(MigrateException.class, () -> engine.restoreBackup(m.id(), true));
                assertEquals(ErrorCode.RESTORE_REFUSED, e.code());
                assertTrue(e.getMessage().contains("is not the restoring user '" + app + "'@'%', who may not create "
                        + "objects for another account (that needs SUPER or SET USER"), e.getMessage());
            }
            assertEquals(before, facts(db.jdbcUrl(), DatabaseKind.MYSQL));
        } finally {
            execute(admin, "DROP USER IF EXISTS '" + app + "'@'%'");
        }
    }

    /**
     * MariaDB: SET USER held through a role counts once the role is enabled in the session (here as the user's
     * default role), as the server counts it: the restore goes ahead. Granted but not enabled, it does not count.
     */
    @Test
    void mysqlSeesTheDefinerPrivilegeThroughTheSessionsRoles() throws Exception {
        String app = "mm_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String role = "mm_definers_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String admin = TestServers.mysqlUrl();
        try (TestDatabase db = TestDatabase.create(DatabaseKind.MYSQL)) {
            assumeTrue(exists(admin, "SELECT VERSION() LIKE '%MariaDB%'"), "MariaDB's roles and SET USER");
            // every global privilege the restore needs, but the definer ones only through the role
            execute(admin, "CREATE USER '" + app + "'@'%' IDENTIFIED BY 'app-pw'",
                    "GRANT ALL PRIVILEGES ON *.* TO '" + app + "'@'%'",
                    "REVOKE SUPER, SET USER ON *.* FROM '" + app + "'@'%'",
                    "CREATE ROLE " + role, "GRANT SET USER ON *.* TO " + role, "GRANT " + role + " TO '" + app
                            + "'@'%'");
            BackupManifest m = backupWithAViewOfItsOwnUser(db);
            String asApp = asUser(db.jdbcUrl(), app, "app-pw");
            try (MigrationEngine engine = engine(asApp, "builtin")) {
                MigrateException e = refusedWithNothingChanged(engine, m.id(), db.jdbcUrl(), DatabaseKind.MYSQL);
                assertTrue(e.getMessage().contains("is not the restoring user '" + app + "'@'%'"), "a role granted "
                        + "but not enabled does not count: " + e.getMessage());
            }

            execute(admin, "SET DEFAULT ROLE " + role + " FOR '" + app + "'@'%'");
            try (MigrationEngine engine = engine(asApp, "builtin")) {
                assertEquals("restored", engine.restoreBackup(m.id(), true).status());
            }
            assertTrue(exists(db.jdbcUrl(), "SELECT COUNT(*) = 1 FROM information_schema.VIEWS WHERE TABLE_SCHEMA = "
                    + "DATABASE() AND TABLE_NAME = 'root_view' AND DEFINER LIKE 'root@%'"), "made for its definer");
        } finally {
            execute(admin, "DROP USER IF EXISTS '" + app + "'@'%'", "DROP ROLE IF EXISTS " + role);
        }
    }

    /**
     * MySQL keeps grants by name in its own schema, not in a backup: a user's grants on the database and on one of
     * its tables stand after a restore, and apply to the restored table.
     */
    @ParameterizedTest
    @ValueSource(strings = {"auto", "builtin"})
    void mysqlGrantsStayWithTheirNames(String method) throws Exception {
        String reader = "mm_reader_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String admin = TestServers.mysqlUrl();
        try (TestDatabase db = TestDatabase.create(DatabaseKind.MYSQL);
             MigrationEngine engine = engine(db.jdbcUrl(), method)) {
            engine.apply(null, false, ProgressListener.NONE);
            execute(admin, "CREATE USER '" + reader + "'@'%' IDENTIFIED BY 'reader-pw'",
                    "GRANT SELECT ON " + db.name() + ".users TO '" + reader + "'@'%'",
                    "GRANT SHOW VIEW ON " + db.name() + ".* TO '" + reader + "'@'%'");
            BackupManifest m = engine.createBackup(null);
            execute(db.jdbcUrl(), "DELETE FROM users");
            assertEquals("restored", engine.restoreBackup(m.id(), true).status());
            String asReader = asUser(db.jdbcUrl(), reader, "reader-pw");
            assertTrue(exists(asReader, "SELECT COUNT(*) >= 0 FROM users"), "the table grant applies to the "
                    + "restored table");
            assertTrue(exists(admin, "SELECT COUNT(*) = 1 FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE "
                    + "LIKE '%" + reader + "%' AND TABLE_SCHEMA = '" + db.name() + "' AND PRIVILEGE_TYPE = "
                    + "'SHOW VIEW'"), "the database grant stands");
        } finally {
            execute(admin, "DROP USER IF EXISTS '" + reader + "'@'%'");
        }
    }

    /** Grants, owners and comments of the schema (and, with pg_dump, of its tables) come back with a restore. */
    @ParameterizedTest
    @ValueSource(strings = {"auto", "builtin"})
    void postgresKeepsGrantsOwnersAndComments(String method) throws Exception {
        String role = "mm_reader_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String admin = TestServers.postgresUrl();
        try (TestDatabase db = TestDatabase.create(DatabaseKind.POSTGRESQL);
             MigrationEngine engine = engine(db.jdbcUrl(), method)) {
            engine.apply(null, false, ProgressListener.NONE);
            String s = db.name();
            execute(db.jdbcUrl(), "CREATE ROLE " + role, "GRANT USAGE ON SCHEMA " + s + " TO " + role,
                    "COMMENT ON SCHEMA " + s + " IS 'the app''s schema'", "GRANT SELECT ON " + s + ".users TO "
                            + role, "ALTER TABLE " + s + ".scenarios OWNER TO " + role,
                    "COMMENT ON TABLE " + s + ".users IS 'people'");
            BackupManifest m = engine.createBackup(null);
            assertEquals("restored", engine.restoreBackup(m.id(), true).status());
            assertTrue(exists(db.jdbcUrl(), "SELECT has_schema_privilege('" + role + "', '" + s + "', 'USAGE')"));
            assertTrue(exists(db.jdbcUrl(), "SELECT obj_description('" + s + "'::regnamespace, 'pg_namespace') = "
                    + "'the app''s schema'"));
            if (m.method().equals("pg_dump_custom")) {
                assertTrue(exists(db.jdbcUrl(), "SELECT has_table_privilege('" + role + "', '" + s + ".users', "
                        + "'SELECT')"));
                assertTrue(exists(db.jdbcUrl(), "SELECT pg_get_userbyid(relowner) = '" + role + "' FROM pg_class "
                        + "WHERE oid = '" + s + ".scenarios'::regclass"));
                assertTrue(exists(db.jdbcUrl(), "SELECT obj_description('" + s + ".users'::regclass, 'pg_class') "
                        + "= 'people'"));
            }
        } finally {
            execute(admin, "DROP ROLE IF EXISTS " + role);
        }
    }

    /**
     * A role the backup refers to (an owner, a grantee) that is gone from the server is named before anything
     * changes: no safety backup is taken, nothing is replaced.
     */
    @ParameterizedTest
    @ValueSource(strings = {"auto", "builtin"})
    void postgresNamesAMissingRoleBeforeChangingAnything(String method) throws Exception {
        String owner = "mm_owner_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String reader = "mm_reader_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String admin = TestServers.postgresUrl();
        try (TestDatabase db = TestDatabase.create(DatabaseKind.POSTGRESQL);
             MigrationEngine engine = engine(db.jdbcUrl(), method)) {
            engine.apply(null, false, ProgressListener.NONE);
            String s = db.name();
            execute(db.jdbcUrl(), "CREATE ROLE " + owner, "CREATE ROLE " + reader, "ALTER TABLE " + s
                    + ".scenarios OWNER TO " + owner, "GRANT SELECT ON " + s + ".users TO " + reader);
            BackupManifest m = engine.createBackup(null);
            execute(db.jdbcUrl(), "ALTER TABLE " + s + ".scenarios OWNER TO CURRENT_USER", "REVOKE ALL ON " + s
                    + ".users FROM " + reader, "DROP ROLE " + owner, "DROP ROLE " + reader, "DELETE FROM " + s
                    + ".system_config");
            MigrateException e = refusedWithNothingChanged(engine, m.id(), db.jdbcUrl(), DatabaseKind.POSTGRESQL);
            for (String role : List.of(owner, reader)) {
                assertTrue(e.getMessage().contains("role " + role + " owns objects of the backup or holds grants "
                        + "on them, and does not exist on this server"), e.getMessage());
            }
            assertEquals(List.of(m.id()), engine.listBackups().backups().stream().map(BackupManifest::id).toList(),
                    "refused before the safety backup");
        } finally {
            execute(admin, "DROP ROLE IF EXISTS " + owner, "DROP ROLE IF EXISTS " + reader);
        }
    }

    /** The owners of tables, views, sequences, functions and types come back with a restore, by either method. */
    @ParameterizedTest
    @ValueSource(strings = {"auto", "builtin"})
    void postgresKeepsTheOwnersOfObjects(String method) throws Exception {
        String role = "mm_owner_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String admin = TestServers.postgresUrl();
        try (TestDatabase db = TestDatabase.create(DatabaseKind.POSTGRESQL);
             MigrationEngine engine = engine(db.jdbcUrl(), method)) {
            engine.apply(null, false, ProgressListener.NONE);
            String s = db.name();
            execute(db.jdbcUrl(), "CREATE ROLE " + role, "CREATE TYPE " + s + ".mood AS ENUM ('ok', 'sad')",
                    "CREATE SEQUENCE " + s + ".tickets", "CREATE FUNCTION " + s + ".two() RETURNS int LANGUAGE sql "
                            + "AS 'SELECT 2'", "CREATE VIEW " + s + ".user_names AS SELECT username FROM " + s + ".users",
                    "ALTER TABLE " + s + ".scenarios OWNER TO " + role, "ALTER TYPE " + s + ".mood OWNER TO " + role,
                    "ALTER SEQUENCE " + s + ".tickets OWNER TO " + role, "ALTER FUNCTION " + s + ".two() OWNER TO "
                            + role, "ALTER VIEW " + s + ".user_names OWNER TO " + role);
            BackupManifest m = engine.createBackup(null);
            assertEquals("restored", engine.restoreBackup(m.id(), true).status());
            for (String owned : List.of("'" + s + ".scenarios'::regclass", "'" + s + ".tickets'::regclass",
                    "'" + s + ".user_names'::regclass")) {
                assertTrue(exists(db.jdbcUrl(), "SELECT pg_get_userbyid(relowner) = '" + role + "' FROM pg_class "
                        + "WHERE oid = " + owned), owned);
            }
            assertTrue(exists(db.jdbcUrl(), "SELECT pg_get_userbyid(proowner) = '" + role + "' FROM pg_proc WHERE "
                    + "oid = '" + s + ".two'::regproc"), "function");
            assertTrue(exists(db.jdbcUrl(), "SELECT pg_get_userbyid(typowner) = '" + role + "' FROM pg_type WHERE "
                    + "oid = '" + s + ".mood'::regtype"), "type");
            assertTrue(exists(db.jdbcUrl(), "SELECT pg_get_userbyid(relowner) = current_user FROM pg_class WHERE "
                    + "oid = '" + s + ".users'::regclass"), "the rest stays the restoring user's");
        } finally {
            execute(admin, "DROP ROLE IF EXISTS " + role);
        }
    }

    /**
     * Extensions: pg_dump -n does not carry them. One installed in the schema itself is re-created by the restore;
     * one elsewhere that the target lacks is named before anything changes.
     */
    @Test
    void postgresRestoresAroundExtensions() throws Exception {
        String database = "mm_ext_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String admin = TestServers.postgresUrl();
        TestServers.requireReachable(DatabaseKind.POSTGRESQL, admin);
        assumeTrue(exists(admin, "SELECT COUNT(*) > 0 FROM pg_available_extensions WHERE name = 'citext'"),
                "the citext extension (postgresql-contrib) is not installed on the server");
        execute(admin, "CREATE DATABASE " + database);
        String base = TestServers.postgresUrlFor(database);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=app";
        try (MigrationEngine engine = engine(url, "auto")) {
            execute(base, "CREATE SCHEMA app", "CREATE SCHEMA ext", "CREATE EXTENSION citext SCHEMA app",
                    "CREATE EXTENSION hstore SCHEMA ext",
                    "CREATE TABLE app.people (id INTEGER PRIMARY KEY, email app.citext, tags ext.hstore)",
                    "INSERT INTO app.people VALUES (1, 'Ana@Example.org', 'a=>1')");
            engine.apply(null, false, ProgressListener.NONE);
            BackupManifest m = engine.createBackup(null);
            assertEquals(List.of(new BackupManifest.Extension("citext", "app"),
                    new BackupManifest.Extension("hstore", "ext")), m.extensions());
            execute(base, "DELETE FROM app.people");
            assertEquals("restored", engine.restoreBackup(m.id(), true).status(),
                    "citext, installed in the schema, is dropped with it and made again");
            assertTrue(exists(url, "SELECT COUNT(*) = 1 FROM app.people WHERE email = 'ana@example.org'"),
                    "the row is back, and compares as citext again");

            execute(base, "DROP EXTENSION hstore CASCADE");
            MigrateException e = refusedWithNothingChanged(engine, m.id(), url, DatabaseKind.POSTGRESQL);
            assertTrue(e.getMessage().contains("extension hstore is not installed in schema ext"), e.getMessage());
        } finally {
            execute(admin, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }
}
