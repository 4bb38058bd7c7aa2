package dev.migratemcp.engine;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drift: someone changes the schema behind the migrations' back. Each kind of change, made by hand on a database
 * brought to the latest shipped version, must be found and named precisely; an untouched database, after any
 * sequence of applies and rollbacks, must show none.
 */
class DriftDetectionTest {

    private static final Path SHIPPED = Path.of("migrations");

    private static MigrationEngine engine(TestDatabase db) {
        return new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null, SHIPPED.toString(),
                null, 10.0, null, "never", null), Map.of()));
    }

    private static void execute(TestDatabase db, String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static List<String> errors(ValidationReport r) {
        return r.problems().stream().filter(p -> p.severity().equals("error"))
                .map(p -> p.kind() + " " + p.object()).toList();
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void noFalseDriftAfterAppliesAndRollbacks(DatabaseKind kind) {
        try (TestDatabase db = TestDatabase.create(kind); MigrationEngine engine = engine(db)) {
            long[][] steps = {{9, 1}, {5, 0}, {7, 1}, {2, 0}, {9, 1}, {0, 0}, {4, 1}, {9, 1}};
            for (long[] step : steps) {
                if (step[1] == 1) {
                    engine.apply(v(step[0]), false, ProgressListener.NONE);
                } else {
                    engine.rollback(v(step[0]), ProgressListener.NONE);
                }
                ValidationReport r = engine.validateSchema(v(step[0]));
                assertTrue(r.valid(), "after going to " + step[0] + ": " + r.problems());
                assertTrue(r.driftChecked(), "a snapshot was recorded for version " + step[0]);
            }
            ValidationReport wrongVersion = engine.validateSchema(v(3));
            assertEquals(List.of("version_mismatch null"), errors(wrongVersion));
        }
    }

    /** Each change by hand, as the database in question spells it, and what validation must call it. */
    private static Map<String, List<String>> changes(DatabaseKind kind) {
        Map<String, List<String>> c = new LinkedHashMap<>();
        c.put("column_extra users.nickname", List.of("ALTER TABLE users ADD COLUMN nickname VARCHAR(20)"));
        c.put("index_missing scenarios.idx_scenarios_name", List.of(kind == DatabaseKind.MYSQL
                ? "DROP INDEX idx_scenarios_name ON scenarios" : "DROP INDEX idx_scenarios_name"));
        c.put("table_extra stray", List.of("CREATE TABLE stray (id INTEGER)"));
        c.put("view_changed server_request_summary", List.of("DROP VIEW server_request_summary",
                "CREATE VIEW server_request_summary AS SELECT id AS server_id FROM mock_servers"));
        switch (kind) {
            case POSTGRESQL -> {
                c.put("column_changed system_config.value",
                        List.of("ALTER TABLE system_config ALTER COLUMN value TYPE VARCHAR(500)"));
                c.put("column_changed system_config.description",
                        List.of("ALTER TABLE system_config ALTER COLUMN description SET NOT NULL"));
                c.put("foreign_key_missing user_sessions.(user_id)->users",
                        List.of("ALTER TABLE user_sessions DROP CONSTRAINT user_sessions_user_id_fkey"));
                c.put("routine_extra stray_function()", List.of("CREATE FUNCTION stray_function() RETURNS integer "
                        + "LANGUAGE sql AS 'SELECT 1'"));
                c.put("sequence_extra stray_numbers", List.of("CREATE SEQUENCE stray_numbers"));
                c.put("type_extra stray_mood", List.of("CREATE TYPE stray_mood AS ENUM ('sad', 'ok')"));
                c.put("check_extra system_config.value_type_known", List.of("ALTER TABLE system_config ADD "
                        + "CONSTRAINT value_type_known CHECK (value_type <> '')"));
            }
            case MYSQL -> {
                c.put("column_changed system_config.value",
                        List.of("ALTER TABLE system_config MODIFY value VARCHAR(500)"));
                c.put("column_changed system_config.description",
                        List.of("ALTER TABLE system_config MODIFY description TEXT NOT NULL"));
                c.put("foreign_key_missing user_sessions.(user_id)->users",
                        List.of("ALTER TABLE user_sessions DROP FOREIGN KEY fk_user_sessions_user"));
                c.put("check_extra system_config.value_type_known", List.of("ALTER TABLE system_config ADD "
                        + "CONSTRAINT value_type_known CHECK (value_type <> '')"));
                c.put("column_changed system_config.value_type", List.of("ALTER TABLE system_config MODIFY "
                        + "value_type VARCHAR(20) COLLATE utf8mb4_bin NOT NULL DEFAULT 'string'"));
                c.put("column_changed system_config.updated_at", List.of("ALTER TABLE system_config MODIFY "
                        + "updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP"));
            }
            case SQLITE -> {
                // SQLite changes a column only by rebuilding its table
                c.put("column_changed system_config.value", rebuildSystemConfig("value VARCHAR(500)",
                        "description TEXT"));
                c.put("column_changed system_config.description", rebuildSystemConfig("value TEXT",
                        "description TEXT NOT NULL"));
                c.put("foreign_key_missing user_sessions.(user_id)->users", List.of(
                        "CREATE TABLE user_sessions_new (id VARCHAR(64) PRIMARY KEY, user_id INTEGER NOT NULL, "
                                + "token_hash CHAR(64) NOT NULL, client_ip VARCHAR(45), user_agent TEXT, created_at "
                                + "DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, expires_at DATETIME NOT NULL, "
                                + "last_seen_at DATETIME, revoked_at DATETIME)",
                        "DROP TABLE user_sessions", "ALTER TABLE user_sessions_new RENAME TO user_sessions",
                        "CREATE UNIQUE INDEX idx_user_sessions_token_hash ON user_sessions (token_hash)",
                        "CREATE INDEX idx_user_sessions_user_id ON user_sessions (user_id)",
                        "CREATE INDEX idx_user_sessions_expires_at ON user_sessions (expires_at)"));
            }
        }
        return c;
    }

    private static List<String> rebuildSystemConfig(String valueColumn, String descriptionColumn) {
        return List.of("CREATE TABLE system_config_new (config_key VARCHAR(255) PRIMARY KEY, " + valueColumn
                        + ", value_type VARCHAR(20) NOT NULL DEFAULT 'string', " + descriptionColumn + ", is_secret "
                        + "BOOLEAN NOT NULL DEFAULT FALSE, updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP)",
                "INSERT INTO system_config_new SELECT * FROM system_config", "DROP TABLE system_config",
                "ALTER TABLE system_config_new RENAME TO system_config");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyKindOfDriftIsNamed(DatabaseKind kind) throws Exception {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<String>> change : changes(kind).entrySet()) {
            try (TestDatabase db = TestDatabase.create(kind); MigrationEngine engine = engine(db)) {
                engine.apply(null, false, ProgressListener.NONE);
                assertTrue(engine.validateSchema(v(9)).valid(), "untouched database");
                execute(db, change.getValue().toArray(String[]::new));
                ValidationReport r = engine.validateSchema(v(9));
                assertFalse(r.valid());
                if (!errors(r).equals(List.of(change.getKey()))) {
                    failures.add(change.getKey() + " was reported as " + errors(r) + ": " + r.problems());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void firstValidationOfAnOlderDatabaseRehearsesAndRecordsItsReference(DatabaseKind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind); MigrationEngine engine = engine(db)) {
            engine.apply(null, false, ProgressListener.NONE);
            execute(db, "DROP TABLE schema_version_snapshots"); // as if migrated before snapshots existed
            ValidationReport first = engine.validateSchema(null);
            assertTrue(first.valid() && first.driftChecked(), first.problems().toString());
            assertEquals("reference_rehearsed", first.problems().get(0).kind());
            ValidationReport second = engine.validateSchema(null);
            assertTrue(second.valid() && second.driftChecked() && second.problems().isEmpty(),
                    second.problems().toString());
            assertEquals(first.liveSchemaHash(), second.liveSchemaHash());
        }
    }
}
