package dev.migratemcp.engine;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.migration.Version;
import dev.migratemcp.testing.EngineFixture;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flyway projects (fixtures under {@code src/test/resources/layouts/flyway-*}): their configuration, locations,
 * naming rules, placeholders, per-script settings and repeatable scripts, run on every database.
 */
class FlywayFoldersTest {

    @TempDir
    Path migrationsDir;

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    private TestDatabase db;

    private MigrationEngine engine(DatabaseKind kind) {
        if (db == null) {
            db = fixture.database(kind);
        }
        return fixture.engine(db, migrationsDir);
    }

    private void fixture(String layout) {
        EngineFixture.copyLayout(layout, migrationsDir);
    }

    private List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static List<Version> versions(String... texts) {
        return java.util.Arrays.stream(texts).map(Version::parse).toList();
    }

    private String user(DatabaseKind kind) {
        return switch (kind) {
            case SQLITE -> "";
            case POSTGRESQL -> "postgres";
            case MYSQL -> "root";
        };
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aFlywayTomlProjectRunsAsItIs(DatabaseKind kind) throws Exception {
        fixture("flyway-toml");
        MigrationEngine engine = engine(kind);
        PendingReport pending = engine.pending();
        assertEquals(versions("1", "1.1", "1.2", "2"), pending.pending().stream()
                .map(PendingReport.PendingMigration::version).toList(), "both locations, and the folder inside the "
                + "first; V1_1 is 1.1, ordered as Flyway orders versions");
        assertEquals("more/V1.2__Add_notes.sql", pending.pending().get(2).file());
        assertFalse(pending.pending().get(1).transactional(), "V1_1's .conf says executeInTransaction=false");
        assertEquals(List.of("R__Item_names.sql"), pending.repeatables());

        ApplyReport applied = engine.apply(null, false, ProgressListener.NONE);
        assertEquals(4, applied.applied().size());
        assertEquals(List.of("R__Item_names.sql"), applied.repeatables().stream()
                .map(ApplyReport.RepeatableRun::file).toList(), "repeatables run after the versioned ones");
        assertEquals(List.of(List.of("lamp", "catalogue", user(kind)), List.of("desk", "catalogue", user(kind))),
                rows("SELECT name, owner, added_by FROM items ORDER BY id"),
                "placeholders.owner (names without regard to case) and ${flyway:user}");
        assertEquals(List.of(List.of("flyway_history", "V2__Audit.sql")), rows("SELECT history_table, script FROM "
                + "audit"), "${flyway:table} is the configured table, ${flyway:filename} the script's name");
        assertEquals(List.of(List.of("lamp"), List.of("desk")), rows("SELECT name FROM item_names ORDER BY name DESC"));
        rows("SELECT notes FROM items"); // V1.2 qualified the table with ${flyway:defaultSchema}

        StatusReport status = engine.status();
        assertEquals(List.of(), status.pendingRepeatables());
        assertTrue(status.warnings().stream().anyMatch(w -> w.startsWith("flyway.toml: ignored setting "
                + "'baselineOnMigrate'")), status.warnings().toString());
        assertTrue(status.warnings().stream().anyMatch(w -> w.contains("'environments.default.url'")),
                status.warnings().toString());
        assertTrue(status.warnings().stream().anyMatch(w -> w.startsWith("README.md: ignored")),
                status.warnings().toString());
        assertTrue(status.warnings().stream().anyMatch(w -> w.startsWith("beforeMigrate.sql: ignored")),
                "a Flyway callback is not read: " + status.warnings());
        ValidationReport validation = engine.validate();
        assertTrue(validation.valid(), validation.problems().toString());
        assertEquals(3, validation.problems().stream().filter(p -> p.kind().equals("ignored_setting")).count(),
                validation.problems().toString());
        assertEquals("up_to_date", engine.apply(null, false, ProgressListener.NONE).status(),
                "an unchanged repeatable does not run again");
        ValidationReport drift = engine.validateSchema(null, false);
        assertTrue(drift.valid(), "the view the repeatable made is part of the recorded schema: " + drift.problems());

        // a changed repeatable runs again, alone
        Files.writeString(migrationsDir.resolve("shared/R__Item_names.sql"), "DROP VIEW IF EXISTS ${view_name};\n"
                + "CREATE VIEW ${view_name} AS SELECT name FROM items WHERE id = 1;\n");
        assertEquals(List.of("R__Item_names.sql"), engine.status().pendingRepeatables());
        assertTrue(engine.validate().problems().stream().anyMatch(p -> p.kind().equals("repeatable_pending")));
        PlanReport plan = engine.plan(Version.of(2));
        assertEquals(List.of("R__Item_names.sql"), plan.repeatables(), "the plan names the repeatable it runs");
        Files.writeString(migrationsDir.resolve("shared/R__Item_names.sql"), Files.readString(
                migrationsDir.resolve("shared/R__Item_names.sql")).replace("id = 1", "id = 1 OR id = 0"));
        assertEquals(ErrorCode.PLAN_CHANGED, assertThrows(MigrateException.class, () -> engine.apply(null, false,
                ProgressListener.NONE, plan.planId())).code(), "its plan id covers the repeatable's SQL");
        ApplyReport again = engine.apply(null, false, ProgressListener.NONE);
        assertEquals("applied", again.status());
        assertEquals(List.of(), again.applied());
        assertEquals(1, again.repeatables().size());
        assertEquals(List.of(List.of("lamp")), rows("SELECT name FROM item_names"));

        // so does one whose placeholder value changed (Flyway's checksum covers a repeatable as replaced)
        Path toml = migrationsDir.resolve("flyway.toml");
        Files.writeString(toml, Files.readString(toml).replace("view_name = \"item_names\"",
                "view_name = \"item_list\""));
        assertEquals(List.of("R__Item_names.sql"), engine.status().pendingRepeatables());
        engine.apply(null, false, ProgressListener.NONE);
        assertEquals(List.of(List.of("lamp")), rows("SELECT name FROM item_list"));
        assertTrue(engine.validateSchema(null, false).valid(), "recorded again after the repeatable ran again");

        // U scripts are the downs
        assertEquals(Version.parse("1.2"), engine.rollback(Version.parse("1.2"), ProgressListener.NONE).toVersion());
        assertThrows(SQLException.class, () -> rows("SELECT * FROM audit"));
        assertEquals(ErrorCode.IRREVERSIBLE_MIGRATION, assertThrows(MigrateException.class,
                () -> engine.rollback(Version.ZERO, ProgressListener.NONE)).code(), "V1.2 and V1_1 have no U script");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aFlywayConfProjectWithItsOwnNamingRules(DatabaseKind kind) throws Exception {
        fixture("flyway-conf");
        MigrationEngine engine = engine(kind);
        ApplyReport applied = engine.apply(null, false, ProgressListener.NONE);
        assertEquals(versions("1", "2"), applied.applied().stream().map(ApplyReport.AppliedMigration::version)
                .toList(), "prefix M, separator -, suffixes .sql and .ddl");
        assertEquals(List.of("RR-Thing_view.sql"), applied.repeatables().stream()
                .map(ApplyReport.RepeatableRun::file).toList(), "repeatable prefix RR");
        assertEquals(List.of(List.of("${name}")), rows("SELECT name FROM thing_view"),
                "#[thing] replaced, ${name} plain text under this placeholder syntax");
        assertTrue(engine.status().warnings().stream().anyMatch(w -> w.equals("flyway.conf: ignored setting "
                + "'cleanDisabled': not read by migrate-mcp")), engine.status().warnings().toString());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aPlaceholderWithoutAValueStopsEverythingNamingIt(DatabaseKind kind) throws Exception {
        fixture("flyway-toml");
        Path toml = migrationsDir.resolve("flyway.toml");
        Files.writeString(toml, Files.readString(toml).replace("owner = \"catalogue\"\n", ""));
        MigrationEngine engine = engine(kind);
        MigrateException refused = assertThrows(MigrateException.class, () -> engine.apply(null, false,
                ProgressListener.NONE));
        assertEquals(ErrorCode.INVALID_MIGRATION_FILE, refused.code());
        assertTrue(refused.getMessage().contains("V1__Create_items.sql:1: no value for the placeholder ${owner}"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("V1_1__Seed_items.sql:1: no value for the placeholder ${owner}"),
                refused.getMessage());
        assertThrows(SQLException.class, () -> rows("SELECT * FROM items"), "nothing ran");
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = "POSTGRESQL")
    void aConcurrentIndexScriptWithoutConfRunsOutsideATransaction(DatabaseKind kind) throws Exception {
        Files.writeString(migrationsDir.resolve("V1__Create_items.sql"), "CREATE TABLE items (id INTEGER, name TEXT);");
        Files.writeString(migrationsDir.resolve("V2__Index_items.sql"),
                "CREATE INDEX CONCURRENTLY items_name ON items (name);");
        MigrationEngine engine = engine(kind);
        assertFalse(engine.pending().pending().get(1).transactional());
        engine.apply(null, false, ProgressListener.NONE);
        assertEquals(Version.of(2), engine.status().currentVersion());
        assertEquals(List.of(List.of("items_name")), rows("SELECT indexname FROM pg_indexes WHERE schemaname = '"
                + db.name() + "' AND tablename = 'items'"));
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = "POSTGRESQL")
    void flywaysSchemasAreTheSchemasDriftCovers(DatabaseKind kind) throws Exception {
        MigrationEngine engine = engine(kind);
        String other = db.name() + "_reports";
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + other);
            s.execute("CREATE TABLE " + other + ".totals (id INTEGER)");
        }
        try {
            Files.writeString(migrationsDir.resolve("V1__Create_items.sql"), "CREATE TABLE items (id INTEGER);");
            assertFalse(engine.describeSchema(null).schemas().contains(other), "not covered without the setting");
            Files.writeString(migrationsDir.resolve("flyway.conf"), "flyway.schemas=" + db.name() + "," + other
                    + "\n");
            MigrationEngine withSchemas = engine(kind);
            withSchemas.pending();
            assertTrue(withSchemas.describeSchema(null).schemas().contains(other),
                    withSchemas.describeSchema(null).schemas().toString());
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + other + " CASCADE");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aRepeatableThatLosesDataNeedsTheSameConfirmationAsAPlan(DatabaseKind kind) throws Exception {
        Files.writeString(migrationsDir.resolve("V1__Create_items.sql"), "CREATE TABLE items (id INTEGER);\n"
                + "INSERT INTO items (id) VALUES (1);");
        Files.writeString(migrationsDir.resolve("R__Reset.sql"), "DELETE FROM items;");
        MigrationEngine engine = engine(kind);
        ApplyReport asked = engine.apply(null, false, ProgressListener.NONE, null, false, false, null);
        assertEquals("confirmation_required", asked.status());
        assertEquals(List.of("R__Reset.sql"), asked.repeatables().stream().map(ApplyReport.RepeatableRun::file)
                .toList());
        assertThrows(SQLException.class, () -> rows("SELECT * FROM items"), "nothing ran");
        ApplyReport confirmed = engine.apply(null, false, ProgressListener.NONE, null, false, true, null);
        assertEquals(1, confirmed.repeatables().size());
        assertEquals(List.of(), rows("SELECT * FROM items"));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aNewMigrationGoesWhereFlywaysLocationsReadIt(DatabaseKind kind) throws Exception {
        fixture("flyway-toml");
        MigrationEngine engine = engine(kind);
        engine.apply(null, false, ProgressListener.NONE);
        CreatedMigration created = engine.createMigration("add things", "CREATE TABLE things (id INTEGER);",
                "DROP TABLE things;", List.of(), false, true);
        assertEquals("ok", created.test().status(), "rehearsed on a copy of both locations");
        assertEquals(Version.of(3), created.version(), "one above the whole part of 2");
        assertTrue(Files.exists(migrationsDir.resolve("sql").resolve(created.file())), "in the first location");
        assertEquals(List.of(Version.of(3)), engine.pending().pending().stream()
                .map(PendingReport.PendingMigration::version).toList());
        engine.apply(null, false, ProgressListener.NONE);
        rows("SELECT * FROM things");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aFailedRepeatableBlocksNothingAndRunsAgainWhole(DatabaseKind kind) throws Exception {
        Files.writeString(migrationsDir.resolve("V1__Create_items.sql"), "CREATE TABLE items (id INTEGER);");
        Files.writeString(migrationsDir.resolve("R__Items_view.sql"), "CREATE TABLE side (id INTEGER);\n"
                + "INSERT INTO no_such_table (id) VALUES (1);");
        MigrationEngine engine = engine(kind);
        MigrateException failed = assertThrows(MigrateException.class, () -> engine.apply(null, false,
                ProgressListener.NONE));
        assertEquals(ErrorCode.MIGRATION_FAILED, failed.code());
        assertEquals(2, failed.error().details().get("statement_index"));
        StatusReport status = engine.status();
        assertEquals(Version.of(1), status.currentVersion(), "the versioned migration ran before it");
        assertEquals("clean", status.state(), "a failed repeatable blocks nothing");
        assertEquals(List.of("R__Items_view.sql"), status.pendingRepeatables());
        assertTrue(engine.validate().problems().stream().anyMatch(p -> p.kind().equals("repeatable_failed")));
        assertEquals("failed", engine.history().repeatables().get(0).state());

        Files.writeString(migrationsDir.resolve("R__Items_view.sql"), "DROP TABLE IF EXISTS side;\n"
                + "CREATE TABLE side (id INTEGER);\nCREATE VIEW items_view AS SELECT id FROM items;");
        assertEquals(1, engine.apply(null, false, ProgressListener.NONE).repeatables().size());
        assertEquals(List.of(), engine.status().pendingRepeatables());
        assertEquals("applied", engine.history().repeatables().get(0).state());
        rows("SELECT * FROM items_view");
    }
}
