package dev.migratemcp.engine;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.migration.Version;
import dev.migratemcp.dialect.DatabaseKind;
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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database migrated by golang-migrate or dbmate continues here with nothing run again. Each test writes the other
 * tool's history table as that tool creates and fills it, after running its files' SQL as that tool would have.
 */
class ForeignHistoryTest {

    @TempDir
    Path migrationsDir;

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    private TestDatabase db;

    private MigrationEngine engine() {
        return fixture.engine(db, migrationsDir);
    }

    private void fixture(String layout) throws Exception {
        Path source = Path.of(getClass().getResource("/layouts/" + layout).toURI());
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, migrationsDir.resolve(file.getFileName()));
            }
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** golang-migrate's table as its driver for this database creates it, holding the one row it keeps. */
    private void golangMigrateHistory(DatabaseKind kind, long version, boolean dirty) throws SQLException {
        if (kind == DatabaseKind.SQLITE) {
            sql("CREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool)",
                    "CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version)");
        } else {
            sql("CREATE TABLE IF NOT EXISTS schema_migrations (version bigint not null primary key, "
                    + "dirty boolean not null)");
        }
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO schema_migrations (version, dirty) VALUES (?, ?)")) {
            ps.setLong(1, version);
            ps.setBoolean(2, dirty);
            ps.executeUpdate();
        }
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
        return out;
    }

    private static List<Version> applied(ApplyReport r) {
        return r.applied().stream().map(ApplyReport.AppliedMigration::version).toList();
    }

    /** golang-migrate's row version 0 means migration 0 was applied (it deletes the row to record "nothing"). */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void golangMigrateAtVersionZeroContinuesAfterIt(DatabaseKind kind) throws Exception {
        db = fixture.database(kind);
        Files.writeString(migrationsDir.resolve("0_initial.up.sql"), "CREATE TABLE zero (id INTEGER);");
        Files.writeString(migrationsDir.resolve("0_initial.down.sql"), "DROP TABLE zero;");
        Files.writeString(migrationsDir.resolve("1_next.up.sql"), "CREATE TABLE one (id INTEGER);");
        sql("CREATE TABLE zero (id INTEGER)");
        golangMigrateHistory(kind, 0, false);
        MigrationEngine engine = engine();
        StatusReport status = engine.status();
        assertEquals(1, status.appliedCount());
        assertEquals(vs(1), status.pendingVersions());
        assertEquals(vs(1), applied(engine.apply(null, false, ProgressListener.NONE)), "0 is not run again");
        assertEquals(v(1), engine.status().currentVersion());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aDatabaseGolangMigrateMigratedContinuesWithOnlyTheNewFiles(DatabaseKind kind) throws Exception {
        db = fixture.database(kind);
        fixture("golang-migrate");
        sql("CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50))",
                "INSERT INTO users (id, name) VALUES (1, 'ada')",
                "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER, title VARCHAR(100))");
        golangMigrateHistory(kind, 2, false);
        List<String> before = rows("SELECT version, dirty FROM schema_migrations");

        MigrationEngine engine = engine();
        StatusReport status = engine.status();
        assertEquals(v(2), status.currentVersion());
        assertEquals(vs(3), status.pendingVersions());
        assertTrue(status.historySource().startsWith("golang-migrate's schema_migrations (read as it is"),
                status.historySource());
        // README: until our history table exists, status, pending, plan and validate read theirs as it is
        assertEquals(vs(3), engine.pending().pending().stream().map(PendingReport.PendingMigration::version).toList());
        assertEquals(vs(3), engine.plan(v(3)).migrations().stream().map(PlannedMigration::version).toList());
        assertTrue(engine.validate().valid());
        assertThrows(SQLException.class, () -> rows("SELECT COUNT(*) FROM schema_version"),
                "no command that only reads made our history table");

        ApplyReport r = engine.apply(null, false, ProgressListener.NONE);
        assertEquals(vs(3), applied(r), "1 and 2 are not run again");
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("adopted 2 row(s) of golang-migrate's")),
                r.notes().toString());
        assertEquals(List.of("1,ada"), rows("SELECT id, name FROM users"));
        StatusReport after = engine.status();
        assertEquals(v(3), after.currentVersion());
        assertEquals("schema_version (2 row(s) adopted from golang-migrate's schema_migrations)",
                after.historySource());
        assertTrue(engine.validate().valid());
        assertEquals(before, rows("SELECT version, dirty FROM schema_migrations"), "their table is left as it was");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void golangMigratesDirtyVersionIsAFailedMigrationThatRepairResolves(DatabaseKind kind) throws Exception {
        db = fixture.database(kind);
        fixture("golang-migrate");
        sql("CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50))",
                "INSERT INTO users (id, name) VALUES (1, 'ada')");
        golangMigrateHistory(kind, 2, true); // version 2 failed before creating posts

        MigrationEngine engine = engine();
        StatusReport status = engine.status();
        assertEquals("failed", status.state());
        assertEquals(v(2), status.failed().version());
        assertEquals(v(1), status.currentVersion());
        MigrateException refused = assertThrows(MigrateException.class,
                () -> engine.apply(null, false, ProgressListener.NONE));
        assertEquals(ErrorCode.FAILED_MIGRATION_PENDING, refused.code(), refused.getMessage());

        engine.repair(v(2), "mark_reverted", true, ProgressListener.NONE);
        assertEquals("clean", engine.status().state());
        assertEquals(vs(2, 3), applied(engine.apply(null, false, ProgressListener.NONE)));
        assertEquals(v(3), engine.status().currentVersion());
        assertEquals(List.of("2,1"), rows("SELECT version, " + (kind == DatabaseKind.POSTGRESQL
                ? "CASE WHEN dirty THEN 1 ELSE 0 END" : "dirty") + " FROM schema_migrations"),
                "their table is left as it was");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aDatabaseDbmateMigratedContinuesWithOnlyTheNewFiles(DatabaseKind kind) throws Exception {
        db = fixture.database(kind);
        fixture("dbmate");
        sql("CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(50))",
                "CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) primary key)",
                "INSERT INTO schema_migrations (version) VALUES ('20240101000001')");

        MigrationEngine engine = engine();
        assertEquals(v(20240101000001L), engine.status().currentVersion());
        ApplyReport r = engine.apply(null, false, ProgressListener.NONE);
        assertEquals(vs(20240101000002L, 20240101000003L), applied(r));
        assertEquals(List.of("2"), rows("SELECT COUNT(*) FROM items"));
        assertEquals("schema_version (1 row(s) adopted from dbmate's schema_migrations)",
                engine.status().historySource());
        assertEquals(List.of("20240101000001"), rows("SELECT version FROM schema_migrations"));
    }
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theOtherToolsTableIsNotTakenForPartOfTheSchema(DatabaseKind kind) throws Exception {
        db = fixture.database(kind);
        fixture("dbmate");
        sql("CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(50))",
                "INSERT INTO items (id, name) VALUES (1, 'first')", "INSERT INTO items (id, name) VALUES (2, 'second')",
                "CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) primary key)",
                "INSERT INTO schema_migrations (version) VALUES ('20240101000001')",
                "INSERT INTO schema_migrations (version) VALUES ('20240101000002')",
                "INSERT INTO schema_migrations (version) VALUES ('20240101000003')");
        MigrationEngine engine = engine();
        assertEquals("up_to_date", engine.apply(null, false, ProgressListener.NONE).status());
        ValidationReport report = engine.validateSchema(v(20240101000003L));
        assertTrue(report.valid(), report.problems().toString());
        assertTrue(engine.describeSchema(null).tables().stream().noneMatch(t -> t.name().equalsIgnoreCase(
                "schema_migrations")));
    }
}
