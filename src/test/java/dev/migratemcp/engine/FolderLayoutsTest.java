package dev.migratemcp.engine;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.testing.MigrationFiles;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Folders written for other tools (fixtures under {@code src/test/resources/layouts}) and the rules for what a folder
 * may hold, run on every database: what each rule does to the database is checked there, not only in the parser.
 */
class FolderLayoutsTest {

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

    private boolean tableExists(String table) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM " + table).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private long count(String table) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aGolangMigrateFolderRunsAsItIs(DatabaseKind kind) throws Exception {
        fixture("golang-migrate");
        MigrationEngine engine = engine(kind);
        ApplyReport applied = engine.apply(null, false, ProgressListener.NONE);
        assertEquals(vs(1, 2, 3), applied.applied().stream().map(ApplyReport.AppliedMigration::version)
                .toList(), "the comment-only up file runs as a migration that changes nothing");
        assertTrue(applied.notes().stream().anyMatch(n -> n.startsWith("2_add_c_up.sql: ignored")),
                applied.notes().toString());
        assertEquals(1, count("users"));
        assertTrue(tableExists("posts"));

        StatusReport status = engine.status();
        assertEquals(v(3), status.currentVersion());
        assertEquals(List.of("2_add_c_up.sql", "README.md", "notes.txt"), status.warnings().stream()
                .map(w -> w.substring(0, w.indexOf(':'))).sorted().toList(), status.warnings().toString());
        ValidationReport validation = engine.validate();
        assertTrue(validation.valid(), validation.problems().toString());
        assertEquals(3, validation.problems().stream().filter(p -> p.kind().equals("ignored_file")
                && p.severity().equals("warning")).count(), validation.problems().toString());

        RollbackReport toTwo = engine.rollback(v(2), ProgressListener.NONE);
        assertEquals(v(2), toTwo.toVersion(), "a down declared noop reverts without SQL");
        MigrateException refused = assertThrows(MigrateException.class, () -> engine.rollback(v(0),
                ProgressListener.NONE));
        assertEquals(ErrorCode.IRREVERSIBLE_MIGRATION, refused.code());
        assertTrue(refused.getMessage().contains("version 2") && refused.getMessage().contains("2_add_posts.down.sql"),
                refused.getMessage());
        assertEquals(ErrorCode.IRREVERSIBLE_MIGRATION, assertThrows(MigrateException.class, () -> engine.plan(v(0)))
                .code(), "plan refuses the same way");
        assertTrue(tableExists("posts") && tableExists("users"), "refused up front: nothing was reverted");
        assertEquals(v(2), engine.status().currentVersion());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aDbmateFolderRunsAsItIs(DatabaseKind kind) throws Exception {
        fixture("dbmate");
        MigrationEngine engine = engine(kind);
        List<PendingReport.PendingMigration> pending = engine.pending().pending();
        assertEquals(vs(20240101000001L, 20240101000002L, 20240101000003L),
                pending.stream().map(PendingReport.PendingMigration::version).toList());
        assertFalse(pending.get(1).transactional(), "transaction:false runs outside a transaction");
        engine.apply(null, false, ProgressListener.NONE);
        assertEquals(2, count("items"));
        assertEquals(v(20240101000003L), engine.status().currentVersion());
        RollbackReport back = engine.rollback(v(0), ProgressListener.NONE);
        assertEquals(v(0), back.toVersion());
        assertFalse(tableExists("items"));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anEmptyDownSectionRefusesTheRollbackUpFront(DatabaseKind kind) throws Exception {
        MigrationFiles files = new MigrationFiles(migrationsDir);
        files.table(1);
        files.write(2, "kept", null, "CREATE TABLE kept (id INTEGER PRIMARY KEY);", "-- this cannot be undone");
        MigrationEngine engine = engine(kind);
        engine.apply(null, false, ProgressListener.NONE);
        MigrateException refused = assertThrows(MigrateException.class, () -> engine.rollback(v(0),
                ProgressListener.NONE));
        assertEquals(ErrorCode.IRREVERSIBLE_MIGRATION, refused.code());
        assertTrue(refused.getMessage().contains("0002_kept.sql:3"), refused.getMessage());
        assertTrue(refused.error().hint().contains("-- migrate:down noop"), refused.error().hint());
        assertTrue(tableExists("kept") && tableExists("t1"));
        assertEquals(v(2), engine.status().currentVersion(), "still applied, as its table still stands");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anEntryThatIsNotARegularFileStopsEverythingByName(DatabaseKind kind) throws Exception {
        MigrationFiles files = new MigrationFiles(migrationsDir);
        files.table(1);
        files.table(3);
        Files.createDirectory(migrationsDir.resolve("0002_table_2.sql"));
        Files.createSymbolicLink(migrationsDir.resolve("0004_gone.sql"), migrationsDir.resolve("nowhere.sql"));
        MigrationEngine engine = engine(kind);
        MigrateException refused = assertThrows(MigrateException.class, () -> engine.apply(null, false,
                ProgressListener.NONE));
        assertEquals(ErrorCode.INVALID_MIGRATION_FILE, refused.code());
        assertTrue(refused.getMessage().contains("0002_table_2.sql: a folder"), refused.getMessage());
        assertTrue(refused.getMessage().contains("0004_gone.sql: a symbolic link"), refused.getMessage());
        assertFalse(tableExists("t1") || tableExists("t3"), "nothing ran");
        assertEquals(ErrorCode.INVALID_MIGRATION_FILE, assertThrows(MigrateException.class, engine::validate).code());
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = "POSTGRESQL")
    void dbmatesTransactionFalseLetsPostgresqlBuildAnIndexConcurrently(DatabaseKind kind) throws Exception {
        MigrationFiles files = new MigrationFiles(migrationsDir);
        files.writeRaw("20240101000001_create.sql", "-- migrate:up\nCREATE TABLE items (id INTEGER, name TEXT);\n"
                + "-- migrate:down\nDROP TABLE items;\n");
        files.writeRaw("20240101000002_index.sql", "-- migrate:up transaction:false\n"
                + "CREATE INDEX CONCURRENTLY idx_items_name ON items (name);\n\n"
                + "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY idx_items_name;\n");
        MigrationEngine engine = engine(kind);
        engine.apply(null, false, ProgressListener.NONE);
        assertEquals(v(20240101000002L), engine.status().currentVersion());
        assertEquals(v(0), engine.rollback(v(0), ProgressListener.NONE).toVersion());
    }
}
