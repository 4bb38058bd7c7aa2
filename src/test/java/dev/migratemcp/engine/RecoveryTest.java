package dev.migratemcp.engine;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.testing.MigrationFiles;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery of migrations that run outside a transaction (MySQL always; any database with no_transaction): how far
 * a failure or a kill got is recorded exactly, batches included, and repair goes on from exactly there. States a
 * kill leaves are made by writing the history row as the engine would have left it at that instant.
 */
class RecoveryTest {

    @TempDir
    Path dir;

    private TestDatabase db;
    private MigrationEngine engine;

    private MigrationEngine open(DatabaseKind kind) {
        db = TestDatabase.create(kind);
        engine = new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null, dir.toString(),
                null, 5.0, null, "never", null), Map.of()));
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String query(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The case: windows that committed before a failure are not run again (counters 20, not 40). */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aBatchThatFailsPartWayResumesAfterItsCommittedWindows(DatabaseKind kind) throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write(1, "counters", null, """
                CREATE TABLE counters (id INTEGER PRIMARY KEY, counter INTEGER NOT NULL, code INTEGER NOT NULL UNIQUE);
                CREATE TABLE gate (v INTEGER NOT NULL);
                INSERT INTO gate (v) VALUES (1);
                """, null);
        StringBuilder rows = new StringBuilder("INSERT INTO counters (id, counter, code) VALUES ");
        for (int id = 1; id <= 60; id++) {
            rows.append(id > 1 ? ", " : "").append("(").append(id).append(", 0, ").append(id).append(")");
        }
        files.write(2, "rows", null, rows + ";", null);
        // row 45 takes the code of row 1 until the gate is opened: the third window fails on the unique key
        files.write(3, "count", kind == DatabaseKind.MYSQL ? null : "-- migrate:no_transaction", """
                -- migrate:batch table=counters key=id size=20
                UPDATE counters SET counter = counter + 20,
                  code = CASE WHEN id = 45 THEN (SELECT v FROM gate) ELSE code END
                 WHERE id >= :batch_from AND id < :batch_to;
                """, null);
        open(kind);
        MigrateException failure = assertThrows(MigrateException.class,
                () -> engine.apply(null, false, ProgressListener.NONE));
        assertEquals(ErrorCode.MIGRATION_FAILED, failure.code());
        assertEquals("20 20", query("SELECT MIN(counter) FROM counters WHERE id < 41") + " "
                + query("SELECT MAX(counter) FROM counters WHERE id < 41"), "windows 1 and 2 committed");
        assertEquals("0", query("SELECT MAX(counter) FROM counters WHERE id >= 41"), "window 3 rolled back");

        StatusReport status = engine.status();
        assertEquals("failed", status.state(), "two windows took effect: retrying from scratch would repeat them");
        assertTrue(status.failed().blocking());
        assertEquals(ErrorCode.FAILED_MIGRATION_PENDING, assertThrows(MigrateException.class,
                () -> engine.apply(null, false, ProgressListener.NONE)).code());

        execute("UPDATE gate SET v = 1045");
        RepairReport options = engine.repair(v(3), null, false, ProgressListener.NONE);
        RepairReport.Option resume = options.options().stream().filter(o -> o.action().equals("resume"))
                .findFirst().orElseThrow();
        assertTrue(resume.possible());
        assertTrue(resume.reason().contains("from key 41"), resume.reason());
        engine.repair(v(3), "resume", true, ProgressListener.NONE);
        assertEquals("clean", engine.status().state());
        assertEquals(v(3), engine.status().currentVersion());
        assertEquals("20", query("SELECT MIN(counter) FROM counters"));
        assertEquals("20", query("SELECT MAX(counter) FROM counters"), "no window ran twice");
    }

    /** The history row a kill leaves just before the end of statement k was recorded. */
    private void killedWhileRunning(long version, int statementK) throws SQLException {
        execute("UPDATE schema_version SET state = 'failed', statements_done = " + (statementK - 1)
                + ", statement_started = " + statementK + ", error = 'interrupted' WHERE version = '" + version + "'");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void whenEveryStatementTookEffectBeforeTheKillResumeRecordsItApplied(DatabaseKind kind) throws Exception {
        new MigrationFiles(dir).write(1, "two_tables", "-- migrate:no_transaction",
                "CREATE TABLE a (id INTEGER PRIMARY KEY);\nCREATE TABLE b (id INTEGER PRIMARY KEY);", null);
        open(kind).apply(null, false, ProgressListener.NONE);
        killedWhileRunning(1, 2);

        StatusReport status = engine.status();
        assertEquals("failed", status.state());
        StatementInDoubt doubt = status.failed().inDoubt();
        assertNotNull(doubt);
        assertEquals(2, doubt.index());
        assertEquals("took_effect", doubt.outcome(), doubt.reason());
        assertTrue(status.failed().hint().contains("took effect"), status.failed().hint());

        RepairReport options = engine.repair(v(1), null, false, ProgressListener.NONE);
        RepairReport.Option resume = options.options().stream().filter(o -> o.action().equals("resume"))
                .findFirst().orElseThrow();
        assertTrue(resume.possible(), "a migration without a down section still has a way out");
        assertEquals(0, resume.statements().size(), "nothing is run again");
        engine.repair(v(1), "resume", true, ProgressListener.NONE);
        assertEquals("clean", engine.status().state());
        assertEquals(v(1), engine.status().currentVersion());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aStatementThatDidNotTakeEffectRunsOnceOnResume(DatabaseKind kind) throws Exception {
        new MigrationFiles(dir).write(1, "two_tables", "-- migrate:no_transaction",
                "CREATE TABLE a (id INTEGER PRIMARY KEY);\nALTER TABLE a ADD COLUMN note VARCHAR(20);",
                "ALTER TABLE a DROP COLUMN note;\nDROP TABLE a;");
        open(kind).apply(null, false, ProgressListener.NONE);
        execute("ALTER TABLE a DROP COLUMN note");
        killedWhileRunning(1, 2);

        StatementInDoubt doubt = engine.status().failed().inDoubt();
        assertEquals("no_effect", doubt.outcome(), doubt.reason());
        RepairReport options = engine.repair(v(1), null, false, ProgressListener.NONE);
        assertEquals(1, options.options().stream().filter(o -> o.action().equals("resume")).findFirst()
                .orElseThrow().statements().size(), "statement 2 runs, and only it");
        RepairReport.Option revert = options.options().stream().filter(o -> o.action().equals("revert_partial"))
                .findFirst().orElseThrow();
        assertEquals(1, revert.statements().size(), "only statement 1 is undone");
        assertTrue(revert.statements().get(0).sql().startsWith("DROP TABLE"), revert.statements().toString());
        engine.repair(v(1), "resume", true, ProgressListener.NONE);
        assertEquals("clean", engine.status().state());
        assertTrue(engine.validateSchema(v(1)).valid());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void whereTheSchemaCannotSayBothWaysOutAreShownWithTheirSql(DatabaseKind kind) throws Exception {
        new MigrationFiles(dir).write(1, "counts", "-- migrate:no_transaction",
                "CREATE TABLE a (id INTEGER PRIMARY KEY, n INTEGER);\nINSERT INTO a (id, n) VALUES (1, 0);\n"
                        + "UPDATE a SET n = n + 1;", null);
        open(kind).apply(null, false, ProgressListener.NONE);
        execute("UPDATE a SET n = 0"); // as if the kill came before the server ran the UPDATE
        killedWhileRunning(1, 3);

        StatusReport status = engine.status();
        assertEquals("unknown", status.failed().inDoubt().outcome());
        RepairReport options = engine.repair(v(1), null, false, ProgressListener.NONE);
        assertFalse(options.options().stream().filter(o -> o.action().equals("resume")).findFirst().orElseThrow()
                .possible(), "resume cannot guess");
        RepairReport.Option done = options.options().stream().filter(o -> o.action().equals("mark_statement_done"))
                .findFirst().orElseThrow();
        RepairReport.Option notDone = options.options().stream()
                .filter(o -> o.action().equals("mark_statement_not_done")).findFirst().orElseThrow();
        assertTrue(done.possible() && notDone.possible());
        assertEquals(0, done.statements().size());
        assertEquals("UPDATE a SET n = n + 1", notDone.statements().get(0).sql());

        // a person checked: n is still 0, so the UPDATE did not take effect
        RepairReport settled = engine.repair(v(1), "mark_statement_not_done", true, ProgressListener.NONE);
        assertTrue(settled.options().stream().anyMatch(o -> o.action().equals("resume") && o.possible()));
        engine.repair(v(1), "resume", true, ProgressListener.NONE);
        assertEquals("1", query("SELECT n FROM a"));
        assertEquals("clean", engine.status().state());
    }

    /**
     * A failed CREATE UNIQUE INDEX CONCURRENTLY leaves an INVALID index behind: the failure blocks, and repair
     * offers the DROP INDEX CONCURRENTLY that clears it before running the statement again.
     */
    @Test
    void aFailedConcurrentIndexBuildIsClearedByRepair() throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write(1, "codes", null, "CREATE TABLE codes (id INTEGER PRIMARY KEY, code INTEGER);\n"
                + "INSERT INTO codes (id, code) VALUES (1, 7), (2, 7), (3, 8);", null);
        files.write(2, "unique_code", "-- migrate:no_transaction",
                "CREATE UNIQUE INDEX CONCURRENTLY idx_codes_code ON codes (code);", null);
        open(DatabaseKind.POSTGRESQL);
        MigrateException failure = assertThrows(MigrateException.class,
                () -> engine.apply(null, false, ProgressListener.NONE));
        assertEquals(ErrorCode.MIGRATION_FAILED, failure.code());
        assertEquals("f", query("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE c.relname = 'idx_codes_code' AND c.relnamespace = current_schema()::regnamespace"),
                "PostgreSQL left the invalid index");

        StatusReport status = engine.status();
        assertEquals("failed", status.state(), "a retry would fail on the index that is left");
        assertEquals("left_invalid_index", status.failed().inDoubt().outcome());
        RepairReport.Option resume = engine.repair(v(2), null, false, ProgressListener.NONE).options().stream()
                .filter(o -> o.action().equals("resume")).findFirst().orElseThrow();
        assertEquals("DROP INDEX CONCURRENTLY IF EXISTS \"idx_codes_code\"", resume.statements().get(0).sql());
        assertEquals(0, resume.statements().get(0).index(), "not a statement of the file");

        execute("DELETE FROM codes WHERE id = 2");
        engine.repair(v(2), "resume", true, ProgressListener.NONE);
        assertEquals("clean", engine.status().state());
        assertEquals("t", query("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE c.relname = 'idx_codes_code' AND c.relnamespace = current_schema()::regnamespace"));
    }
}
