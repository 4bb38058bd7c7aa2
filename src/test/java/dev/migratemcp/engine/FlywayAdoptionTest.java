package dev.migratemcp.engine;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.migration.Version;
import dev.migratemcp.testing.EngineFixture;
import dev.migratemcp.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database migrated by the real Flyway (13, free edition) continues here: its {@code flyway_schema_history} is
 * adopted with Flyway's checksums, only the new scripts run, and Flyway's table is left as Flyway wrote it.
 */
class FlywayAdoptionTest {

    @TempDir
    Path migrationsDir;

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    private TestDatabase db;

    private MigrationEngine engine() {
        return fixture.engine(db, migrationsDir);
    }

    private Flyway flyway() {
        var configure = Flyway.configure().dataSource(db.jdbcUrl(), null, null)
                .locations("filesystem:" + migrationsDir)
                .placeholders(Map.of("owner", "catalogue"))
                .cleanDisabled(true);
        if (db.kind() == DatabaseKind.POSTGRESQL) {
            configure = configure.schemas(db.name());
        }
        return configure.load();
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(migrationsDir.resolve(name), text);
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

    /** Flyway's own view of its history: script to state. */
    private Map<String, MigrationState> flywayInfo() {
        Map<String, MigrationState> out = new LinkedHashMap<>();
        for (MigrationInfo info : flyway().info().all()) {
            out.put(info.getScript(), info.getState());
        }
        return out;
    }

    /**
     * A project whose {@code schemas} name a schema of its own: Flyway made it, ran its scripts there and keeps its
     * history there, whatever schema the URL names. Here too the session's schema is that one, so the history is
     * found and the new script lands beside the old ones.
     */
    @Test
    void aFlywayProjectsOwnSchemaIsTheSessionsSchema() throws Exception {
        db = fixture.database(DatabaseKind.POSTGRESQL);
        String own = db.name() + "_app";
        try {
            write("V1__Create_items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY);\n");
            assertEquals(1, Flyway.configure().dataSource(db.jdbcUrl(), null, null)
                    .locations("filesystem:" + migrationsDir).schemas(own).cleanDisabled(true).load()
                    .migrate().migrationsExecuted);
            write("flyway.conf", "flyway.schemas=" + own + "\n");
            write("V2__Create_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, item INTEGER REFERENCES "
                    + "items (id));\n");

            ApplyReport applied = engine().apply(null, false, ProgressListener.NONE);
            assertEquals(List.of(Version.of(2)), applied.applied().stream()
                    .map(ApplyReport.AppliedMigration::version).toList(), "only the new script ran");
            String inEither = " AND table_schema IN ('" + own + "', '" + db.name() + "')";
            assertEquals(List.of(List.of(own)), rows("SELECT table_schema FROM information_schema.tables "
                    + "WHERE table_name = 'notes'" + inEither), "the new table is in the project's schema");
            assertEquals(List.of(List.of(own)), rows("SELECT table_schema FROM information_schema.tables "
                    + "WHERE table_name = 'schema_version'" + inEither), "and so is our history, beside Flyway's");
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS \"" + own + "\" CASCADE");
            }
        }
    }

    /** Without Flyway having run, the project's schema is made first, as Flyway would make it. */
    @Test
    void aFlywayProjectsMissingSchemaIsMadeFirst() throws Exception {
        db = fixture.database(DatabaseKind.POSTGRESQL);
        String own = db.name() + "_new";
        try {
            write("flyway.conf", "flyway.schemas=" + own + "\n");
            write("V1__Create_items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY);\n");
            engine().apply(null, false, ProgressListener.NONE);
            assertEquals(List.of(List.of(own)), rows("SELECT table_schema FROM information_schema.tables "
                    + "WHERE table_name = 'items' AND table_schema IN ('" + own + "', '" + db.name() + "')"));
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS \"" + own + "\" CASCADE");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aDatabaseFlywayMigratedContinuesWithOnlyTheNewScripts(DatabaseKind kind) throws Exception {
        db = fixture.database(kind);
        write("flyway.toml", "[flyway.placeholders]\nowner = \"catalogue\"\n");
        write("V1__Create_items.sql", "-- the ${owner}'s items\r\nCREATE TABLE items (id INTEGER PRIMARY KEY, "
                + "name VARCHAR(50), owner VARCHAR(50));\r\n");
        write("V1_1__Seed_items.sql", "\uFEFFINSERT INTO items (id, name, owner) VALUES (1, 'lamp', '${owner}');\n");
        write("R__Item_names.sql", "DROP VIEW IF EXISTS item_names;\nCREATE VIEW item_names AS SELECT name, owner "
                + "FROM items;\n");
        assertEquals(3, flyway().migrate().migrationsExecuted);
        List<List<String>> flywayRows = rows("SELECT * FROM flyway_schema_history ORDER BY installed_rank");

        write("V2.0.1__Add_notes.sql", "ALTER TABLE items ADD notes VARCHAR(50);\n");
        MigrationEngine engine = engine();
        StatusReport before = engine.status();
        assertEquals(Version.parse("1.1"), before.currentVersion(), "Flyway's 1_1, read as 1.1 from its history");
        assertEquals(List.of(Version.parse("2.0.1")), before.pendingVersions());
        assertEquals(List.of(), before.pendingRepeatables(), "the repeatable ran under Flyway as it is now");
        assertTrue(before.historySource().startsWith("Flyway's flyway_schema_history (read as it is"),
                before.historySource());
        ValidationReport valid = engine.validate();
        assertTrue(valid.valid(), "Flyway's checksums match ours of the same files: " + valid.problems());

        ApplyReport applied = engine.apply(null, false, ProgressListener.NONE);
        assertEquals(List.of(Version.parse("2.0.1")), applied.applied().stream()
                .map(ApplyReport.AppliedMigration::version).toList());
        assertEquals(List.of(), applied.repeatables());
        assertTrue(applied.notes().stream().anyMatch(n -> n.contains("adopted 2 row(s) of Flyway's "
                + "flyway_schema_history") && n.contains("1 repeatable(s)")), applied.notes().toString());
        assertEquals(List.of(java.util.Arrays.asList("lamp", "catalogue", null)), rows("SELECT name, owner, notes FROM "
                + "items"));
        StatusReport after = engine.status();
        assertEquals(Version.parse("2.0.1"), after.currentVersion());
        assertEquals("schema_version (2 row(s) adopted from Flyway's flyway_schema_history)", after.historySource());
        HistoryReport.RepeatableEntry view = engine.history().repeatables().get(0);
        assertEquals(List.of("Item names", "R__Item_names.sql", "applied", "adopted from Flyway"), List.of(
                view.description(), view.script(), view.state(), view.appliedBy()), "recorded as Flyway recorded it");
        assertEquals(Integer.valueOf(rows("SELECT checksum FROM flyway_schema_history WHERE version IS NULL").get(0)
                .get(0)), view.checksum());

        // Flyway's table is as Flyway left it, and Flyway still reads it: its scripts applied, ours pending to it
        assertEquals(flywayRows, rows("SELECT * FROM flyway_schema_history ORDER BY installed_rank"));
        Map<String, MigrationState> info = flywayInfo();
        assertEquals(MigrationState.SUCCESS, info.get("V1__Create_items.sql"));
        assertEquals(MigrationState.SUCCESS, info.get("V1_1__Seed_items.sql"));
        assertEquals(MigrationState.SUCCESS, info.get("R__Item_names.sql"));
        assertEquals(MigrationState.PENDING, info.get("V2.0.1__Add_notes.sql"));

        // an edit of a script Flyway applied is a changed checksum, by Flyway's checksum
        String v1 = Files.readString(migrationsDir.resolve("V1__Create_items.sql"));
        write("V1__Create_items.sql", v1.replace("CREATE TABLE", "CREATE  TABLE"));
        ValidationReport changed = engine.validate();
        assertTrue(changed.problems().stream().anyMatch(p -> p.kind().equals("checksum_mismatch")
                && Version.of(1).equals(p.version())), changed.problems().toString());
        assertEquals(ErrorCode.CHECKSUM_MISMATCH, assertThrows(MigrateException.class,
                () -> engine.apply(null, false, ProgressListener.NONE)).code());
        write("V1__Create_items.sql", v1.replace("\r\n", "\n"));
        assertTrue(engine.validate().valid(), "line endings are not a change, for Flyway's checksum either");
        write("V1__Create_items.sql", v1.replace("-- the ${owner}'s items", "-- items of the ${owner}"));
        assertEquals(ErrorCode.CHECKSUM_MISMATCH, assertThrows(MigrateException.class,
                () -> engine.apply(null, false, ProgressListener.NONE)).code(), "a comment is a change to Flyway too");
        engine.repair(Version.of(1), "accept_checksum", true, ProgressListener.NONE);
        assertTrue(engine.validate().valid(), "the edited file accepted");
        String recorded = engine.history().entries().stream().filter(e -> e.version().equals(Version.of(1)))
                .findFirst().orElseThrow().checksum();
        assertTrue(!recorded.startsWith("flyway:") && recorded.length() == 64, "ours from then on: " + recorded);

        // the adopted repeatable runs again once it changes
        write("R__Item_names.sql", "DROP VIEW IF EXISTS item_names;\nCREATE VIEW item_names AS SELECT name FROM "
                + "items;\n");
        assertEquals(List.of("R__Item_names.sql"), engine.status().pendingRepeatables());
        assertEquals(1, engine.apply(null, false, ProgressListener.NONE).repeatables().size());
        assertEquals(List.of(List.of("lamp")), rows("SELECT * FROM item_names"));

        // README: Flyway's table, like ours, is left out of describe-schema and drift; an index on it is no drift
        assertTrue(engine.describeSchema(null).tables().stream().noneMatch(t -> t.name().equalsIgnoreCase(
                "flyway_schema_history")), "describe-schema leaves Flyway's table out");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE INDEX flyway_extra ON flyway_schema_history (description)");
        }
        ValidationReport drift = engine.validateSchema(null);
        assertTrue(drift.valid(), "Flyway's table is bookkeeping, not schema: " + drift.problems());
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = "MYSQL")
    void aScriptFlywayRecordedAsFailedIsAFailedMigrationThatRepairResolves(DatabaseKind kind) throws Exception {
        db = fixture.database(kind);
        write("V1__Create_items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY);\n");
        write("V2__Half_done.sql", "CREATE TABLE half (id INTEGER);\nCREATE TABLE items (id INTEGER);\n");
        assertThrows(RuntimeException.class, () -> flyway().migrate());
        assertEquals(List.of(List.of("2", "0")), rows("SELECT version, success FROM flyway_schema_history "
                + "WHERE version = '2'"), "Flyway recorded its failure: MySQL could not roll the DDL back");

        MigrationEngine engine = engine();
        StatusReport status = engine.status();
        assertEquals("failed", status.state());
        assertEquals(Version.of(2), status.failed().version());
        assertEquals(Version.of(1), status.currentVersion());
        assertEquals(ErrorCode.FAILED_MIGRATION_PENDING, assertThrows(MigrateException.class,
                () -> engine.apply(null, false, ProgressListener.NONE)).code());

        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE half"); // undone by hand, as Flyway's message asks
        }
        write("V2__Half_done.sql", "CREATE TABLE half (id INTEGER);\n");
        engine.repair(Version.of(2), "mark_reverted", true, ProgressListener.NONE);
        assertEquals(List.of(Version.of(2)), engine.apply(null, false, ProgressListener.NONE).applied().stream()
                .map(ApplyReport.AppliedMigration::version).toList());
        assertEquals("clean", engine.status().state());
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = "SQLITE")
    void flywaysBaselineAndItsRepairOfAMissingScriptAreReadAsFlywayReadsThem(DatabaseKind kind) throws Exception {
        db = fixture.database(kind);
        write("V1__One.sql", "CREATE TABLE one (id INTEGER);\n");
        write("V2__Two.sql", "CREATE TABLE two (id INTEGER);\n");
        write("V3__Three.sql", "CREATE TABLE three (id INTEGER);\n");
        Flyway.configure().dataSource(db.jdbcUrl(), null, null).locations("filesystem:" + migrationsDir)
                .baselineVersion("1").load().baseline();
        flyway().migrate(); // 2 and 3, above the baseline
        Files.delete(migrationsDir.resolve("V2__Two.sql"));
        flyway().repair(); // Flyway marks the applied script whose file is gone as deleted
        assertTrue(java.util.Arrays.stream(flyway().info().all()).anyMatch(i -> i.getState()
                == MigrationState.DELETED), "Flyway wrote its DELETE row");
        write("V2__Two.sql", "CREATE TABLE two (id INTEGER);\n");

        StatusReport status = engine().status();
        assertEquals(Version.of(3), status.currentVersion());
        assertEquals(List.of(Version.of(2)), status.pendingVersions(), "1 by the baseline and 3 applied; 2 taken back out");
        assertEquals(List.of("1 BASELINE_IGNORED", "1 BASELINE", "2 DELETED", "3 SUCCESS", "2 IGNORED"),
                java.util.Arrays.stream(flyway().info().all()).map(i -> i.getVersion() + " " + i.getState())
                        .toList(), "Flyway too has 2 to apply, below the current version (out of order)");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void flywaysBuiltInPlaceholdersMeanHereWhatTheyMeanToFlyway(DatabaseKind kind) throws Exception {
        db = fixture.database(kind);
        // SQLite has no database name for Flyway to put in ${flyway:database}
        String database = kind == DatabaseKind.SQLITE ? "'-'" : "'${flyway:database}'";
        String values = "('${flyway:user}', '${flyway:defaultSchema}', " + database + ", '${flyway:table}', "
                + "'${flyway:environment}', '${flyway:workingDirectory}')";
        write("V1__Facts.sql", "CREATE TABLE facts (who VARCHAR(100), place VARCHAR(100), db VARCHAR(100), "
                + "tbl VARCHAR(100), env VARCHAR(100), dir VARCHAR(500));\nINSERT INTO facts VALUES " + values + ";\n");
        flyway().migrate();
        write("V2__Facts_again.sql", "INSERT INTO facts VALUES " + values + ";\n");
        engine().apply(null, false, ProgressListener.NONE);
        List<List<String>> facts = rows("SELECT * FROM facts");
        assertEquals(2, facts.size());
        assertEquals(facts.get(0), facts.get(1), "Flyway's row first, ours second");
    }
}
