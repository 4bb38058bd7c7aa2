package dev.migratemcp.engine;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.dialect.HistoryColumnTypes;
import dev.migratemcp.json.Json;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.Version;
import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.schema.SnapshotJson;
import dev.migratemcp.testing.EngineFixture;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Versions as values on every database: Flyway's dotted versions beside whole numbers, and history tables written
 * by releases that kept versions as BIGINT, upgraded in place with nothing run again and every row kept.
 */
class VersionHistoryTest {

    @TempDir
    Path migrationsDir;

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    private TestDatabase db;

    private MigrationEngine engine() {
        return fixture.engine(db, migrationsDir);
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(migrationsDir.resolve(name), text);
    }

    private void ours(long version, String table) throws Exception {
        write(String.format("%04d_create_%s.sql", version, table), "-- migrate:up\nCREATE TABLE " + table
                + " (id INTEGER);\n-- migrate:down\nDROP TABLE " + table + ";\n");
    }

    private void flyway(String version, String table) throws Exception {
        write("V" + version + "__create_" + table + ".sql", "CREATE TABLE " + table + " (id INTEGER);");
        write("U" + version + "__create_" + table + ".sql", "DROP TABLE " + table + ";");
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private List<String> column(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static List<Version> applied(ApplyReport r) {
        return r.applied().stream().map(ApplyReport.AppliedMigration::version).toList();
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void dottedVersionsRunInFlywayOrderBesideWholeNumbers(DatabaseKind kind) throws Exception {
        db = fixture.database(kind);
        ours(1, "a");
        flyway("1_1", "b");
        flyway("1.2", "c");
        ours(2, "d");
        ours(10, "e");
        MigrationEngine engine = engine();
        assertEquals(List.of(v(1), v("1.1"), v("1.2"), v(2), v(10)), engine.status().pendingVersions());

        assertEquals(List.of(v(1), v("1.1"), v("1.2")), applied(engine.apply(v("1.2"), false,
                ProgressListener.NONE)));
        StatusReport status = engine.status();
        assertEquals(v("1.2"), status.currentVersion());
        assertEquals(vs(2, 10), status.pendingVersions());
        String json = Json.compact(status);
        assertTrue(json.contains("\"current_version\":\"1.2\""), json);
        assertTrue(json.contains("\"latest_version\":10,"), json);
        assertTrue(json.contains("\"pending_versions\":[2,10]"), json);

        assertEquals(vs(2, 10), applied(engine.apply(null, false, ProgressListener.NONE)));
        assertEquals(v(10), engine.status().currentVersion());
        assertEquals(List.of(v(1), v("1.1"), v("1.2"), v(2), v(10)),
                engine.history().entries().stream().map(HistoryReport.Entry::version).toList());
        assertEquals(List.of("1", "1.1", "1.2", "10", "2"), column("SELECT version FROM schema_version ORDER BY "
                + "version"), "stored as canonical text (which is why nothing orders by it in SQL)");
        assertTrue(engine.validateSchema(null, false).valid(), "a snapshot for every version reached");

        RollbackReport back = engine.rollback(v("1.1"), ProgressListener.NONE);
        assertEquals(List.of(v(10), v(2), v("1.2")),
                back.reverted().stream().map(RollbackReport.RevertedMigration::version).toList());
        assertEquals(v("1.1"), engine.status().currentVersion());
        assertTrue(engine.validateSchema(null, false).valid());

        // a dotted file added below the current version is out of order, as a whole number would be
        assertEquals(List.of(v("1.2"), v(2), v(10)), applied(engine.apply(null, false, ProgressListener.NONE)));
        flyway("1.5", "f");
        MigrateException late = assertThrows(MigrateException.class,
                () -> engine.apply(null, false, ProgressListener.NONE));
        assertEquals("out_of_order", late.error().code());
        assertTrue(late.getMessage().contains("version 1.5 is pending below the current version 10"),
                late.getMessage());
        assertEquals(v("1.5"), engine.show(v("1.5")).version());
        assertEquals("unknown_version", assertThrows(MigrateException.class, () -> engine.show(v("1.50")))
                .error().code());
    }

    /** {@code new} writes our own format, one above the whole part of the latest version. */
    @org.junit.jupiter.api.Test
    void aNewMigrationAfterADottedOneIsTheNextWholeNumber() throws Exception {
        db = fixture.database(DatabaseKind.SQLITE);
        flyway("1_1", "b");
        CreatedMigration m = engine().createMigration("after", "CREATE TABLE after_it (id INTEGER)", null, List.of(),
                false, false);
        assertEquals(v(2), m.version());
        assertEquals(List.of(v("1.1"), v(2)), engine().status().pendingVersions());
    }

    /** golang-migrate numbers from 0; there, rollback to 0 keeps migration 0 and reverts everything above it. */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void golangMigrateVersionZeroIsAppliedAndRehearsed(DatabaseKind kind) throws Exception {
        db = fixture.database(kind);
        write("0_initial.up.sql", "CREATE TABLE zero (id INTEGER);");
        write("0_initial.down.sql", "DROP TABLE zero;");
        write("1_next.up.sql", "CREATE TABLE one (id INTEGER);");
        write("1_next.down.sql", "DROP TABLE one;");
        MigrationEngine engine = engine();
        assertEquals(vs(0, 1), engine.status().pendingVersions());
        assertEquals("ok", engine.testMigrations(null).status(), "up, down, up again: migration 0 included");
        assertEquals(vs(0), applied(engine.apply(v(0), false, ProgressListener.NONE)));
        assertEquals(1, engine.status().appliedCount());
        assertEquals(vs(1), engine.status().pendingVersions());
        assertEquals(vs(1), applied(engine.apply(null, false, ProgressListener.NONE)));
        engine.rollback(v(0), ProgressListener.NONE);
        assertEquals(vs(0), engine.history().entries().stream().filter(e -> e.state().equals("applied"))
                .map(HistoryReport.Entry::version).toList());
        assertEquals(List.of("0"), column("SELECT version FROM schema_version WHERE state = 'applied'"));
    }

    /**
     * A database migrated by the release before dotted versions: its history and snapshot tables as that release
     * created them (version BIGINT; INTEGER on SQLite), with versions 1, 2, 9 and 10 applied (10 sorts before 9 as
     * text). The new code reads them as they are, then converts both tables in place on the first change: every
     * row kept as it was, nothing run again.
     */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void historyWithNumericVersionsIsUpgradedInPlace(DatabaseKind kind) throws Exception {
        db = fixture.database(kind);
        ours(1, "a");
        ours(2, "b");
        ours(9, "c");
        ours(10, "d");
        ours(11, "e");
        Dialect dialect = Dialect.of(kind);
        HistoryColumnTypes t = dialect.historyColumnTypes();
        sql("CREATE TABLE schema_version (version " + t.bigint() + " NOT NULL PRIMARY KEY, description "
                        + t.longText() + ", checksum " + t.shortText() + ", state " + t.shortText()
                        + " NOT NULL DEFAULT 'applied', direction " + t.shortText() + ", applied_at " + t.timestamp()
                        + ", applied_by " + t.shortText() + ", execution_ms " + t.bigint() + ", statements_total "
                        + t.integer() + ", statements_done " + t.integer() + ", error_statement " + t.integer()
                        + ", error_sqlstate " + t.shortText() + ", error " + t.longText() + ", statement_started "
                        + t.integer() + ", batch_next_key " + t.bigint() + ")",
                "CREATE TABLE schema_version_snapshots (version " + t.bigint() + " NOT NULL PRIMARY KEY, "
                        + "schema_hash " + t.shortText() + " NOT NULL, snapshot " + t.document() + " NOT NULL, "
                        + "recorded_at " + t.timestamp() + ")",
                "CREATE TABLE a (id INTEGER)", "CREATE TABLE b (id INTEGER)", "CREATE TABLE c (id INTEGER)",
                "CREATE TABLE d (id INTEGER)");
        MigrationEngine engine = engine();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version "
                + "(version, description, checksum, state, direction, applied_by, execution_ms, statements_total, "
                + "statements_done) VALUES (?, ?, ?, 'applied', 'up', 'old release', ?, 1, 1)")) {
            for (long version : new long[]{1, 2, 9, 10}) {
                Migration m = engine.loadCatalog().find(v(version)).orElseThrow();
                ps.setLong(1, version);
                ps.setString(2, m.description());
                ps.setString(3, m.checksum());
                ps.setLong(4, 100 + version);
                ps.executeUpdate();
            }
        }
        SchemaSnapshot schemaAt10 = engine.describeSchema(null);
        String document = SnapshotJson.write(schemaAt10);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO "
                + "schema_version_snapshots (version, schema_hash, snapshot) VALUES (?, ?, ?)")) {
            ps.setLong(1, 10);
            ps.setString(2, SchemaSnapshot.hashOf(document));
            ps.setString(3, document);
            ps.executeUpdate();
        }
        try (Connection c = db.connect()) {
            assertFalse(dialect.isTextColumn(c, "schema_version", "version"), "the old format, as it was");
        }

        // read-only commands read the old tables as they are, and change nothing
        StatusReport before = engine.status();
        assertEquals(v(10), before.currentVersion());
        assertEquals(vs(11), before.pendingVersions());
        ValidationReport valid = engine.validateSchema(null, false);
        assertTrue(valid.valid() && valid.driftChecked(), valid.problems().toString());
        try (Connection c = db.connect()) {
            assertFalse(dialect.isTextColumn(c, "schema_version", "version"));
        }

        assertEquals(vs(11), applied(engine.apply(null, false, ProgressListener.NONE)), "nothing run again");
        try (Connection c = db.connect()) {
            assertTrue(dialect.isTextColumn(c, "schema_version", "version"));
            assertTrue(dialect.isTextColumn(c, "schema_version_snapshots", "version"));
        }
        assertEquals(List.of("1,old release,101", "2,old release,102", "9,old release,109", "10,old release,110"),
                rows("SELECT version, applied_by, execution_ms FROM schema_version WHERE applied_by = 'old release'"));
        assertEquals(List.of(v(1), v(2), v(9), v(10), v(11)),
                engine.history().entries().stream().map(HistoryReport.Entry::version).toList());
        assertEquals(List.of("10", "11"), column("SELECT version FROM schema_version_snapshots ORDER BY version"),
                "the old snapshot row kept, the new one beside it");
        assertTrue(engine.validate().valid(), "checksums and history as they were");

        // the upgraded tables work as any: 10 is above 9, whatever the text order
        RollbackReport back = engine.rollback(v(9), ProgressListener.NONE);
        assertEquals(vs(11, 10), back.reverted().stream().map(RollbackReport.RevertedMigration::version).toList());
        assertEquals(v(9), engine.status().currentVersion());
        assertEquals(vs(10, 11), applied(engine.apply(null, false, ProgressListener.NONE)));
        assertTrue(engine.validateSchema(null, false).valid());
    }

    private List<String> rows(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    cells.add(rs.getString(i));
                }
                out.add(String.join(",", cells));
            }
        }
        out.sort((a, b) -> v(a.split(",")[0]).compareTo(v(b.split(",")[0])));
        return out;
    }
}
