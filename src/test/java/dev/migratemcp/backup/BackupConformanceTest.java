package dev.migratemcp.backup;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.engine.ApplyReport;
import dev.migratemcp.engine.ErrorCode;
import dev.migratemcp.engine.MigrateException;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ProgressListener;
import dev.migratemcp.engine.RestoreReport;
import dev.migratemcp.engine.RollbackReport;
import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backups on every database: seeded data with NULLs, unicode, binary and large text goes out and comes back
 * identical, schema and every row; damaged and half-written backups are caught; ids cannot reach outside the folder.
 */
class BackupConformanceTest {

    private static final Path SHIPPED = Path.of("migrations");

    @TempDir
    Path backups;

    private MigrationEngine engine(TestDatabase db, String policy, Integer keep) {
        return engine(db, policy, keep, null);
    }

    private MigrationEngine engine(TestDatabase db, String policy, Integer keep, String method) {
        return new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null, SHIPPED.toString(),
                null, 30.0, backups.toString(), policy, keep, method), Map.of()));
    }

    private static void seed(TestDatabase db) throws Exception {
        String blob = switch (db.kind()) {
            case SQLITE -> "BLOB";
            case POSTGRESQL -> "BYTEA";
            case MYSQL -> "LONGBLOB";
        };
        String big = db.kind() == DatabaseKind.MYSQL ? "LONGTEXT" : "TEXT";
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE attachments (id INTEGER PRIMARY KEY, data " + blob + ", note " + big + ")");
            s.execute("INSERT INTO mock_servers (id, name, spec_path, output_directory, port, status, config) VALUES "
                    + "('srv-1', 'Ünïcødé ✓ 日本', '/specs/a.yaml', '/out', 8080, 'running', NULL), "
                    + "('srv-2', 'second', '/specs/b.yaml', '/out2', NULL, 'stopped', '{\"k\": \"v\"}')");
            s.execute("INSERT INTO scenarios (name, server_id, config, is_active) VALUES ('happy', 'srv-1', '{}', "
                    + "TRUE), ('sad path', 'srv-1', '{\"x\": null}', FALSE)");
            s.execute("INSERT INTO request_logs (method, path, response_status, headers, server_id, response_time_ms, "
                    + "timestamp) VALUES ('GET', '/a?q=ü', 200, '{\"Accept\": \"*/*\"}', 'srv-1', 12, "
                    + "'2026-01-02 03:04:05'), ('POST', '/b', 500, NULL, 'srv-2', NULL, '1999-12-31 23:59:59')");
            s.execute("INSERT INTO users (username, email, password_hash) VALUES ('ana', 'ana@example.org', 'x')");
            s.execute("INSERT INTO user_sessions (id, user_id, token_hash, expires_at, client_ip) VALUES "
                    + "('s1', 1, '" + "a".repeat(64) + "', '2030-06-30 12:00:00', NULL)");
            s.execute("INSERT INTO webhooks (server_id, name, url, events, secret_key) VALUES "
                    + "('srv-1', 'hook ✓', 'https://example.org/h', '[\"request\"]', NULL)");
            s.execute("INSERT INTO webhook_deliveries (webhook_id, event_type, payload, success, delivered_at) VALUES "
                    + "(1, 'request', '" + "{\"n\": 1}".repeat(5_000) + "', TRUE, '2026-11-25 10:15:30')");
            s.execute("INSERT INTO mock_responses (server_id, scenario_id, method, path, body) VALUES "
                    + "('srv-1', 1, 'GET', '/ünï', NULL), ('srv-2', NULL, 'POST', '/b', 'ok')");
            s.execute("UPDATE system_config SET value = NULL WHERE config_key = 'default_response_delay_ms'");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO attachments (id, data, note) VALUES (?, ?, ?)")) {
                byte[] bytes = new byte[70_000];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (i * 31);
                }
                ps.setInt(1, 1);
                ps.setBytes(2, bytes);
                ps.setString(3, "x".repeat(1_000_000) + " ✓");
                ps.executeUpdate();
                ps.setInt(1, 2);
                ps.setNull(2, java.sql.Types.BINARY);
                ps.setString(3, "it's a \"quote\"; and a backslash \\ and a newline\n");
                ps.executeUpdate();
            }
        }
    }

    /** A digest of every row of every table, in key order: equal digests, equal data. */
    private static Map<String, String> rowDigests(TestDatabase db, SchemaSnapshot schema) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (SchemaSnapshot.TableInfo t : schema.tables()) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + t.name() + " ORDER BY 1")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            byte[] b = v == null ? new byte[]{0} : v instanceof byte[] bytes ? bytes
                                    : String.valueOf(v).getBytes(StandardCharsets.UTF_8);
                            md.update(b);
                            md.update((byte) 0x1f);
                        }
                    }
                }
                out.put(t.name(), HexFormat.of().formatHex(md.digest()));
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void backupAndRestoreGiveBackEverything(DatabaseKind kind) throws Exception {
        roundTrip(kind, "auto");
    }

    /** Our own dump, as used when pg_dump or mysqldump is not on the PATH. */
    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MYSQL"})
    void builtinDumpGivesBackEverything(DatabaseKind kind) throws Exception {
        roundTrip(kind, "builtin");
    }

    private void roundTrip(DatabaseKind kind, String method) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind); MigrationEngine engine = engine(db, "never", null, method)) {
            engine.apply(null, false, ProgressListener.NONE);
            seed(db);
            SchemaSnapshot schema = engine.describeSchema(null);
            Map<String, String> rows = rowDigests(db, schema);

            BackupManifest m = engine.createBackup("before the accident");
            assertEquals(method.equals("builtin"), m.method().startsWith("builtin_"), m.method());
            assertEquals(v(9), m.schemaVersion());
            assertEquals(2L, m.rowCounts().get("mock_servers"));
            assertTrue(m.rowCounts().containsKey("schema_version"), "the history table is in the backup");
            assertTrue(engine.verifyBackup(m.id()).valid(), engine.verifyBackup(m.id()).problems().toString());
            assertEquals(List.of(m.id()), engine.listBackups().backups().stream().map(BackupManifest::id).toList());

            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE attachments");
                s.execute("DELETE FROM scenarios");
                s.execute("CREATE TABLE intruder (id INTEGER)");
            }
            engine.rollback(v(5), ProgressListener.NONE);

            RestoreReport preview = engine.restoreBackup(m.id(), false);
            assertEquals("confirmation_required", preview.status());
            assertEquals(v(5), preview.fromVersion());
            assertEquals(v(5), engine.status().currentVersion(), "a preview changes nothing");

            RestoreReport restored = engine.restoreBackup(m.id(), true);
            assertEquals("restored", restored.status());
            assertEquals(v(9), restored.toVersion());
            assertNotNull(restored.safetyBackup());
            assertEquals(v(5), restored.safetyBackup().schemaVersion());
            assertEquals(schema, engine.describeSchema(null), "the schema is back exactly");
            assertEquals(rows, rowDigests(db, schema), "every row of every table is back exactly");
            assertEquals(v(9), engine.status().currentVersion());
            // the one table the seed made by hand is the one thing validation must point at
            assertEquals(List.of("table_extra attachments"), engine.validateSchema(v(9)).problems().stream()
                    .map(p -> p.kind() + " " + p.object()).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void damagedHalfWrittenAndForeignBackupsAreCaught(DatabaseKind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind); MigrationEngine engine = engine(db, "never", 2)) {
            engine.apply(v(2), false, ProgressListener.NONE);
            BackupManifest m = engine.createBackup(null);
            // a backup cut off half-way: its file written, its manifest never
            Files.writeString(backups.resolve("20260101-000000-000-cut.sqlite.partial"), "half");
            Files.copy(backups.resolve(m.file()), backups.resolve("20260101-000000-000-orphan" + m.file()
                    .substring(m.file().indexOf('.'))));
            assertEquals(1, engine.listBackups().backups().size());

            Path file = backups.resolve(m.file());
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x5A;
            Files.write(file, bytes);
            assertFalse(engine.verifyBackup(m.id()).valid());
            MigrateException e = assertThrows(MigrateException.class, () -> engine.restoreBackup(m.id(), true));
            assertEquals(ErrorCode.BACKUP_INVALID, e.code());
            assertEquals(v(2), engine.status().currentVersion());

            for (String bad : new String[]{"../etc/passwd", "a/b", "..", ".hidden", ""}) {
                assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(MigrateException.class,
                        () -> engine.verifyBackup(bad)).code(), bad);
            }
            assertEquals(ErrorCode.UNKNOWN_BACKUP, assertThrows(MigrateException.class,
                    () -> engine.restoreBackup("20990101-000000-000", true)).code());

            engine.createBackup("two");
            engine.createBackup("three");
            assertEquals(2, engine.listBackups().backups().size(), "--keep 2 keeps the newest two");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void riskyChangesAreBackedUpFirst(DatabaseKind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind); MigrationEngine engine = engine(db, null, null)) {
            ApplyReport safe = engine.apply(v(2), false, ProgressListener.NONE);
            assertNull(safe.backup(), "versions 1 and 2 need no backup");
            ApplyReport risky = engine.apply(v(3), false, ProgressListener.NONE);
            assertNotNull(risky.backup(), "version 3 is backup_required");
            assertEquals(v(2), risky.backup().schemaVersion());
            RollbackReport dropping = engine.rollback(v(2), ProgressListener.NONE);
            assertNotNull(dropping.backup(), "reverting 3 drops tables");
            assertEquals(v(3), dropping.backup().schemaVersion());
            assertEquals(2, engine.listBackups().backups().size());
        }
        try (TestDatabase db = TestDatabase.create(kind); MigrationEngine engine = engine(db, "never", null)) {
            assertNull(engine.apply(null, false, ProgressListener.NONE).backup());
        }
    }
}
