package dev.migratemcp.engine;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.migration.Version;
import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.migration.Direction;
import dev.migratemcp.testing.MigrationFiles;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's behaviour, proved the same way on every database: each subclass names one kind and runs every test
 * here against a real server (or SQLite file) of that kind.
 */
abstract class EngineConformanceTest {

    @TempDir
    Path migrationsDir;

    TestDatabase db;
    MigrationFiles files;
    private final List<MigrationEngine> engines = new ArrayList<>();

    abstract DatabaseKind kind();

    @BeforeEach
    void createDatabase() {
        db = TestDatabase.create(kind());
        files = new MigrationFiles(migrationsDir);
    }

    @AfterEach
    void dropDatabase() {
        engines.forEach(MigrationEngine::close);
        if (db != null) {
            db.close();
        }
    }

    MigrationEngine engine() {
        return engine(5.0);
    }

    MigrationEngine engine(double lockTimeoutSeconds) {
        Config config = Config.resolve(new Config.Options(db.jdbcUrl(), null, null, migrationsDir.toString(), null,
                lockTimeoutSeconds, null, "never", null), Map.of());
        MigrationEngine engine = new MigrationEngine(config);
        engines.add(engine);
        return engine;
    }

    static ApplyReport applyAll(MigrationEngine engine) {
        return engine.apply(null, false, ProgressListener.NONE);
    }

    boolean tableExists(String table) throws SQLException {
        try (Connection c = db.connect()) {
            String probe = "SELECT COUNT(*) FROM " + table;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(probe)) {
                return rs.next();
            } catch (SQLException e) {
                return false;
            }
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static MigrateException refused(ErrorCode code, Runnable action) {
        MigrateException e = assertThrows(MigrateException.class, action::run);
        assertEquals(code, e.code(), e.getMessage());
        assertNotNull(e.error().hint());
        return e;
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void appliesEverythingAndReportsStatus() throws Exception {
        files.table(1);
        files.table(2);
        files.table(3);
        MigrationEngine engine = engine();
        StatusReport before = engine.status();
        assertEquals(v(0), before.currentVersion());
        assertEquals(v(3), before.latestVersion());
        assertEquals(3, before.pendingCount());

        ApplyReport r = applyAll(engine);
        assertEquals("applied", r.status());
        assertEquals(v(0), r.fromVersion());
        assertEquals(v(3), r.toVersion());
        assertEquals(vs(1, 2, 3), r.applied().stream().map(ApplyReport.AppliedMigration::version).toList());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("created the history table")), r.notes().toString());

        StatusReport after = engine.status();
        assertEquals(v(3), after.currentVersion());
        assertEquals(0, after.pendingCount());
        assertEquals("clean", after.state());
        assertTrue(tableExists("t1") && tableExists("t2") && tableExists("t3"));

        HistoryReport h = engine.history();
        assertEquals(3, h.entries().size());
        for (HistoryReport.Entry e : h.entries()) {
            assertEquals("applied", e.state());
            assertEquals(64, e.checksum().length());
            assertNotNull(e.appliedAt());
            assertEquals(1, e.statementsDone());
            assertTrue(e.filePresent());
        }
        assertEquals("up_to_date", applyAll(engine).status());
        assertTrue(engine.validate().valid());
    }

    @Test
    void appliesUpToATargetThenTheRest() throws Exception {
        for (int v = 1; v <= 4; v++) {
            files.table(v);
        }
        MigrationEngine engine = engine();
        ApplyReport first = engine.apply(v(2), false, ProgressListener.NONE);
        assertEquals(v(2), first.toVersion());
        assertFalse(tableExists("t3"));
        assertEquals(vs(3, 4), engine.status().pendingVersions());
        assertEquals(v(4), applyAll(engine).toVersion());
        assertTrue(tableExists("t4"));
    }

    @Test
    void rollsBackToAVersionToZeroAndAppliesAgain() throws Exception {
        for (int v = 1; v <= 3; v++) {
            files.table(v);
        }
        MigrationEngine engine = engine();
        applyAll(engine);

        RollbackReport plan = engine.planRollback(v(1), "confirmation_required");
        assertEquals("confirmation_required", plan.status());
        assertEquals(vs(3, 2), plan.willRevert().stream().map(PlannedMigration::version).toList());
        assertEquals("DROP TABLE t3", plan.willRevert().get(0).statements().get(0).sql());
        assertTrue(tableExists("t3"), "planning must change nothing");

        RollbackReport r = engine.rollback(v(1), ProgressListener.NONE);
        assertEquals("rolled_back", r.status());
        assertEquals(v(3), r.fromVersion());
        assertEquals(v(1), r.toVersion());
        assertFalse(tableExists("t2") || tableExists("t3"));
        assertTrue(tableExists("t1"));
        assertEquals(v(1), engine.status().currentVersion());

        assertEquals(v(0), engine.rollback(v(0), ProgressListener.NONE).toVersion());
        assertFalse(tableExists("t1"));
        assertEquals(0, engine.history().entries().size());
        assertEquals("up_to_date", engine.rollback(v(0), ProgressListener.NONE).status());

        assertEquals(v(3), applyAll(engine).toVersion());
        assertTrue(tableExists("t1") && tableExists("t3"));
    }

    @Test
    void golangMigrateAndFlywayFilesApplyAndRollBack() throws Exception {
        files.writeRaw("1_create_a.up.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
        files.writeRaw("1_create_a.down.sql", "DROP TABLE a;\n");
        files.writeRaw("V2__Create_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);");
        files.writeRaw("U2__Create_b.sql", "DROP TABLE missing_table;\nDROP TABLE b;");
        MigrationEngine engine = engine();
        assertEquals(vs(1, 2), applyAll(engine).applied().stream().map(ApplyReport.AppliedMigration::version)
                .toList());
        assertTrue(tableExists("a") && tableExists("b"));
        MigrateException e = refused(ErrorCode.MIGRATION_FAILED, () -> engine.rollback(v(0), ProgressListener.NONE));
        assertEquals("U2__Create_b.sql", e.error().details().get("file"), "the failure names the down file");
        assertEquals(1, e.error().details().get("statement_line"));
        files.writeRaw("U2__Create_b.sql", "DROP TABLE b;");
        // the undo file changed after version 2 was applied: that is a checksum change, as for any file
        refused(ErrorCode.CHECKSUM_MISMATCH, () -> engine.rollback(v(0), ProgressListener.NONE));
    }

    @Test
    void aDeliberateEditOfAnAppliedFileIsAcceptedWithRepair() throws Exception {
        files.write(1, "a", null, "CREATE TABLE a (id INTEGER PRIMARY KEY);", "DROP TABLE missing_a;");
        MigrationEngine engine = engine();
        applyAll(engine);
        refused(ErrorCode.MIGRATION_FAILED, () -> engine.rollback(v(0), ProgressListener.NONE));
        assertTrue(tableExists("a"), "the failed revert changed nothing");
        files.write(1, "a", null, "CREATE TABLE a (id INTEGER PRIMARY KEY);", "DROP TABLE a;");
        refused(ErrorCode.CHECKSUM_MISMATCH, () -> engine.rollback(v(0), ProgressListener.NONE));

        RepairReport shown = engine.repair(v(1), null, false, ProgressListener.NONE);
        assertEquals("confirmation_required", shown.status());
        assertEquals("file_changed", shown.problem());
        RepairReport.Option accept = shown.options().get(0);
        assertEquals("accept_checksum", accept.action());
        assertTrue(accept.possible(), accept.reason());
        assertEquals(List.of("DROP TABLE a"), accept.statements().stream().map(PlannedStatement::sql).toList());
        refused(ErrorCode.CHECKSUM_MISMATCH, () -> engine.rollback(v(0), ProgressListener.NONE));

        RepairReport done = engine.repair(v(1), "accept_checksum", true, ProgressListener.NONE);
        assertEquals("repaired", done.status());
        assertEquals(v(1), done.currentVersion());
        assertTrue(tableExists("a"), "accepting runs nothing");
        assertEquals(v(0), engine.rollback(v(0), ProgressListener.NONE).toVersion());
        assertFalse(tableExists("a"));

        applyAll(engine);
        refused(ErrorCode.NOTHING_TO_REPAIR, () -> engine.repair(v(1), null, false, ProgressListener.NONE));
        refused(ErrorCode.REPAIR_NOT_POSSIBLE, () -> engine.repair(v(1), "accept_checksum", true,
                ProgressListener.NONE));
        refused(ErrorCode.REPAIR_NOT_POSSIBLE, () -> engine.repair(v(7), "accept_checksum", true,
                ProgressListener.NONE));
    }

    @Test
    void dryRunShowsTheSqlAndChangesNothing() throws Exception {
        files.table(1);
        files.write(2, "two", null, "CREATE TABLE t2 (id INTEGER);\nINSERT INTO t2 (id) VALUES (1);", "DROP TABLE t2;");
        MigrationEngine engine = engine();
        ApplyReport r = engine.apply(null, true, ProgressListener.NONE);
        assertEquals("dry_run", r.status());
        assertEquals(v(2), r.toVersion());
        assertEquals(List.of("CREATE TABLE t2 (id INTEGER)", "INSERT INTO t2 (id) VALUES (1)"),
                r.plan().get(1).statements().stream().map(PlannedStatement::sql).toList());
        assertFalse(tableExists("t1"));
        assertFalse(tableExists("schema_version"), "a dry run must not even create the history table");
    }

    @Test
    void editedFileIsDetectedAndRefused() throws Exception {
        files.table(1);
        files.table(2);
        MigrationEngine engine = engine();
        applyAll(engine);
        files.write(1, "table_1", null, "CREATE TABLE t1 (id INTEGER PRIMARY KEY, name VARCHAR(99));",
                "DROP TABLE t1;");
        files.table(3);
        ValidationReport v = engine.validate();
        assertFalse(v.valid());
        assertEquals("checksum_mismatch", v.problems().get(0).kind());
        assertEquals(v(1), v.problems().get(0).version());
        refused(ErrorCode.CHECKSUM_MISMATCH, () -> applyAll(engine));
        refused(ErrorCode.CHECKSUM_MISMATCH, () -> engine.rollback(v(0), ProgressListener.NONE));
        assertFalse(tableExists("t3"));
        // a change of line endings alone is not a change
        Path f = migrationsDir.resolve("0002_table_2.sql");
        Files.writeString(f, Files.readString(f).replace("\n", "\r\n"));
        assertTrue(engine.validate().problems().stream().noneMatch(p -> v(2).equals(p.version())));
    }

    @Test
    void dependenciesAreHonouredBothWays() throws Exception {
        files.table(1);
        files.write(2, "needs_three", "-- migrate:depends_on 3", "CREATE TABLE t2 (id INTEGER);", "DROP TABLE t2;");
        files.table(3);
        MigrationEngine engine = engine();
        MigrateException e = refused(ErrorCode.DEPENDENCY_VIOLATION, () -> engine.apply(v(2), false, ProgressListener.NONE));
        assertEquals(v(2), e.error().details().get("version"));
        assertFalse(tableExists("t1"), "a refused plan runs nothing");

        ApplyReport r = applyAll(engine);
        assertEquals(vs(1, 3, 2), r.applied().stream().map(ApplyReport.AppliedMigration::version).toList());
        // rolling back to 2 would revert 3 while 2, which needs it, stays
        refused(ErrorCode.DEPENDENCY_VIOLATION, () -> engine.rollback(v(2), ProgressListener.NONE));
        assertTrue(tableExists("t3"));
        RollbackReport all = engine.rollback(v(1), ProgressListener.NONE);
        assertEquals(vs(2, 3), all.reverted().stream().map(RollbackReport.RevertedMigration::version).toList());
    }

    @Test
    void badTargetsAreRefused() {
        files.table(1);
        files.write(2, "no_down", null, "CREATE TABLE t2 (id INTEGER);", null);
        MigrationEngine engine = engine();
        refused(ErrorCode.UNKNOWN_VERSION, () -> engine.apply(v(99), false, ProgressListener.NONE));
        refused(ErrorCode.UNKNOWN_VERSION, () -> engine.show(v(42)));
        applyAll(engine);
        refused(ErrorCode.IRREVERSIBLE_MIGRATION, () -> engine.rollback(v(0), ProgressListener.NONE));
    }

    @Test
    void appliedMigrationWithoutItsFileIsReported() throws Exception {
        files.table(1);
        files.table(2);
        MigrationEngine engine = engine();
        applyAll(engine);
        Files.delete(migrationsDir.resolve("0002_table_2.sql"));
        ValidationReport v = engine.validate();
        assertEquals("missing_file", v.problems().get(0).kind());
        refused(ErrorCode.MISSING_MIGRATION_FILE, () -> engine.rollback(v(0), ProgressListener.NONE));
        assertTrue(tableExists("t2"));
    }

    @Test
    void invalidFilesAreReportedWithFileAndLine() {
        files.table(1);
        files.writeRaw("0002_bad.sql", "-- migrate:up\nSELECT 1;\n-- migrate:whatever\n");
        MigrateException e = refused(ErrorCode.INVALID_MIGRATION_FILE, () -> engine().status());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> problems = (List<Map<String, Object>>) e.error().details().get("problems");
        assertEquals("0002_bad.sql", problems.get(0).get("file"));
        assertEquals(3, problems.get(0).get("line"));
    }

    /** Two statements: the first succeeds, the second fails. What survives depends on the database. */
    @Test
    void failingMigrationIsRecordedWithItsStatementIndex() throws Exception {
        files.table(1);
        files.write(2, "breaks", null, """
                CREATE TABLE t2 (id INTEGER);
                INSERT INTO no_such_table (id) VALUES (1);
                """, "DROP TABLE t2;");
        MigrationEngine engine = engine();
        MigrateException e = refused(ErrorCode.MIGRATION_FAILED, () -> applyAll(engine));
        Map<String, Object> d = e.error().details();
        assertEquals(v(2), d.get("version"));
        assertEquals(2, d.get("statement_index"));
        assertEquals(3, d.get("statement_line"));
        assertNotNull(d.get("sql_state"));
        assertEquals(vs(1), d.get("applied_before_failure"));
        assertEquals(v(1), engine.status().currentVersion());

        HistoryReport.Entry row = engine.history().entries().get(1);
        assertEquals("failed", row.state());
        assertEquals(2, row.errorStatement());
        assertNotNull(row.errorSqlstate());
        assertTrue(row.error().toLowerCase().contains("no_such_table"), row.error());

        if (db.kind() == DatabaseKind.MYSQL) {
            // DDL committed as it ran: the first statement took effect and the row says so
            assertEquals(1, row.statementsDone());
            assertTrue(tableExists("t2"));
            assertEquals(false, d.get("rolled_back"));
            StatusReport s = engine.status();
            assertEquals("failed", s.state());
            assertEquals(v(2), s.failed().version());
            assertTrue(s.failed().blocking());
            refused(ErrorCode.FAILED_MIGRATION_PENDING, () -> applyAll(engine));
            assertFalse(engine.validate().valid());
        } else {
            // one transaction: nothing of version 2 survives, and the next apply simply retries it
            assertEquals(0, row.statementsDone());
            assertFalse(tableExists("t2"));
            assertEquals(true, d.get("rolled_back"));
            StatusReport s = engine.status();
            assertEquals("clean", s.state());
            assertEquals(v(2), s.lastFailure().version());
            files.write(2, "breaks", null, "CREATE TABLE t2 (id INTEGER);", "DROP TABLE t2;");
            assertEquals(vs(2), applyAll(engine).applied().stream().map(ApplyReport.AppliedMigration::version)
                    .toList());
            assertEquals("applied", engine.history().entries().get(1).state());
        }
    }

    @Test
    void failingRevertKeepsTheHistoryTrue() throws Exception {
        files.write(1, "one", null, "CREATE TABLE t1 (id INTEGER);", "DROP TABLE no_such_table;");
        MigrationEngine engine = engine();
        applyAll(engine);
        MigrateException e = refused(ErrorCode.MIGRATION_FAILED, () -> engine.rollback(v(0), ProgressListener.NONE));
        assertEquals("down", e.error().details().get("direction"));
        assertTrue(tableExists("t1"));
        assertEquals(v(1), engine.status().currentVersion());
        assertEquals("clean", engine.status().state());
    }

    @Test
    void adoptsAnOlderSimpleHistoryTable() throws Exception {
        String timestampType = db.kind() == DatabaseKind.MYSQL ? "DATETIME" : "TIMESTAMP";
        execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT, applied_at "
                + timestampType + " NOT NULL DEFAULT CURRENT_TIMESTAMP)");
        execute("INSERT INTO schema_version (version, description) VALUES (1, 'Initial schema')");
        execute("CREATE TABLE t1 (id INTEGER PRIMARY KEY, name VARCHAR(50))");
        files.table(1);
        files.table(2);
        MigrationEngine engine = engine();
        StatusReport before = engine.status();
        assertEquals(v(1), before.currentVersion(), "the older table is readable before adoption");

        ApplyReport r = applyAll(engine);
        assertEquals(vs(2), r.applied().stream().map(ApplyReport.AppliedMigration::version).toList());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("adopted")), r.notes().toString());
        HistoryReport h = engine.history();
        assertEquals("Initial schema", h.entries().get(0).description());
        assertNotNull(h.entries().get(0).appliedAt());
        assertEquals(64, h.entries().get(0).checksum().length());
        assertTrue(engine.validate().valid(), engine.validate().problems().toString());
    }

    @Test
    void batchedStatementWalksTheKeyRangeInWindows() throws Exception {
        execute("CREATE TABLE items (id INTEGER PRIMARY KEY, val INTEGER, doubled INTEGER)");
        StringBuilder insert = new StringBuilder("INSERT INTO items (id, val) VALUES ");
        for (int i = 1; i <= 2500; i++) {
            int id = i <= 1500 ? i : i + 10_000; // a gap: windows over it are empty, not wrong
            insert.append(i > 1 ? "," : "").append('(').append(id).append(',').append(i).append(')');
        }
        execute(insert.toString());
        files.write(1, "fill", null, """
                -- migrate:batch table=items key=id size=1000
                UPDATE items SET doubled = val * 2 WHERE id >= :batch_from AND id < :batch_to AND doubled IS NULL;
                """, "UPDATE items SET doubled = NULL;");
        AtomicLong batches = new AtomicLong();
        AtomicLong rows = new AtomicLong();
        engine().apply(null, false, new ProgressListener() {
            @Override
            public void batchDone(Version version, int statementIndex, long batchNumber, long batchTotal, long affected) {
                batches.incrementAndGet();
                rows.addAndGet(affected);
            }
        });
        assertEquals(2500, rows.get());
        assertEquals(13, batches.get()); // keys 1..12500 in windows of 1000, most of the middle ones empty
        assertEquals(0, count("SELECT COUNT(*) FROM items WHERE doubled IS NULL OR doubled <> val * 2"));
    }

    @Test
    void progressIsReportedPerMigrationAndStatement() {
        files.table(1);
        files.write(2, "two", null, "CREATE TABLE t2 (id INTEGER);\nCREATE TABLE t2b (id INTEGER);",
                "DROP TABLE t2b;\nDROP TABLE t2;");
        List<String> events = new ArrayList<>();
        engine().apply(null, false, new ProgressListener() {
            @Override
            public void migrationStarted(Version v, String d, Direction dir, int position, int size) {
                events.add("start " + v + " " + position + "/" + size);
            }

            @Override
            public void statementDone(Version v, int i, int total) {
                events.add("stmt " + v + " " + i + "/" + total);
            }

            @Override
            public void migrationFinished(Version v, Direction dir, long ms) {
                events.add("done " + v);
            }
        });
        assertEquals(List.of("start 1 1/2", "stmt 1 1/1", "done 1", "start 2 2/2", "stmt 2 1/2", "stmt 2 2/2",
                "done 2"), events);
    }

    @Test
    void lockTimeoutNamesTheHolder() throws Exception {
        files.table(1);
        MigrationEngine holderEngine = engine();
        holderEngine.status(); // the folder and database are fine
        try (var database = dev.migratemcp.dialect.Database.open(holderEngine.config().connection(),
                java.time.Duration.ofSeconds(5));
             Connection c = database.connection();
             var lock = database.dialect().acquireLock(c, "schema_version", java.time.Duration.ofSeconds(5))) {
            assertNotNull(lock);
            MigrateException e = refused(ErrorCode.LOCK_TIMEOUT, () -> applyAll(engine(0.3)));
            String holder = (String) e.error().details().get("holder");
            assertNotNull(holder);
            assertTrue(holder.contains("pid") || holder.contains("connection"), holder);
        }
        assertEquals("applied", applyAll(engine()).status(), "the lock is free again once released");
    }

    @Test
    void showGivesTheSqlForThisDatabase() {
        files.writeRaw("0001_mixed.sql", """
                -- migrate:description Mixed
                -- migrate:up
                CREATE TABLE m (id INTEGER);
                -- migrate:up dialect=%s
                CREATE TABLE m (id BIGINT);
                -- migrate:down
                DROP TABLE m;
                """.formatted(kind().id()));
        ShowReport r = engine().show(v(1));
        assertEquals("pending", r.status());
        assertEquals("CREATE TABLE m (id BIGINT)", r.up().statements().get(0).sql());
        assertEquals("DROP TABLE m", r.down().statements().get(0).sql());
        assertEquals(kind().id(), r.dialect());
        assertNull(r.appliedAt());
    }

    /** Four separate processes migrate the same database at once: each migration must run exactly once. */
    @Test
    void concurrentProcessesApplyEachMigrationExactlyOnce() throws Exception {
        files.write(1, "runs", null, "CREATE TABLE runs (version INTEGER NOT NULL);\nINSERT INTO runs VALUES (1);",
                "DROP TABLE runs;");
        for (int v = 2; v <= 8; v++) {
            files.write(v, "step_" + v, null, "CREATE TABLE t" + v + " (id INTEGER);\nINSERT INTO runs VALUES ("
                    + v + ");", "DROP TABLE t" + v + ";\nDELETE FROM runs WHERE version = " + v + ";");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<Path> stderrFiles = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // stderr apart: a log line there (a pool warning under load, say) is no part of the JSON result
            Path stderr = Files.createTempFile("concurrent-migrate", ".err");
            stderrFiles.add(stderr);
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "dev.migratemcp.Main", "--url", db.jdbcUrl(), "--migrations", migrationsDir.toString(),
                    "--lock-timeout", "120", "--json", "migrate")
                    .redirectError(stderr.toFile()).start());
        }
        int appliedInTotal = 0;
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            String output = new String(p.getInputStream().readAllBytes());
            int exit = p.waitFor();
            String stderr = Files.readString(stderrFiles.get(i));
            Files.delete(stderrFiles.get(i));
            assertEquals(0, exit, output + stderr);
            var report = dev.migratemcp.json.Json.mapper().readTree(output);
            appliedInTotal += report.get("applied").size();
        }
        assertEquals(8, appliedInTotal, "every migration applied by exactly one process");
        assertEquals(8, count("SELECT COUNT(*) FROM runs"));
        assertEquals(8, count("SELECT COUNT(DISTINCT version) FROM runs"));
        assertEquals(8, count("SELECT COUNT(*) FROM schema_version WHERE state = 'applied'"));
    }

    /** A migration outside a transaction that fails at its third statement after two took effect. */
    private void partialFailure(MigrationEngine engine) {
        files.write(1, "partial", "-- migrate:no_transaction", """
                CREATE TABLE p1 (id INTEGER);
                CREATE TABLE p2 (id INTEGER);
                INSERT INTO needs_me (id) VALUES (1);
                """, """
                DELETE FROM needs_me WHERE id = 1;
                DROP TABLE p2;
                DROP TABLE p1;
                """);
        refused(ErrorCode.MIGRATION_FAILED, () -> applyAll(engine));
    }

    @Test
    void repairShowsItsOptionsAndChangesNothingWithoutConfirm() throws Exception {
        MigrationEngine engine = engine();
        partialFailure(engine);
        StatusReport status = engine.status();
        assertEquals("failed", status.state());
        assertTrue(status.failed().hint().contains("repair"), status.failed().hint());
        refused(ErrorCode.FAILED_MIGRATION_PENDING, () -> applyAll(engine));

        RepairReport r = engine.repair(v(1), "resume", false, ProgressListener.NONE);
        assertEquals("confirmation_required", r.status());
        assertEquals(2, r.statementsDone());
        Map<String, RepairReport.Option> options = new java.util.HashMap<>();
        r.options().forEach(o -> options.put(o.action(), o));
        assertTrue(options.get("mark_reverted").possible());
        assertEquals(List.of("INSERT INTO needs_me (id) VALUES (1)"),
                options.get("resume").statements().stream().map(PlannedStatement::sql).toList());
        assertEquals(List.of("DROP TABLE p2", "DROP TABLE p1"),
                options.get("revert_partial").statements().stream().map(PlannedStatement::sql).toList());
        assertTrue(tableExists("p1") && tableExists("p2"), "showing the options changes nothing");
        assertEquals("failed", engine.status().state());
    }

    @Test
    void resumeRunsTheRestOnceTheCauseIsFixed() throws Exception {
        MigrationEngine engine = engine();
        partialFailure(engine);
        execute("CREATE TABLE needs_me (id INTEGER)");
        RepairReport r = engine.repair(v(1), "resume", true, ProgressListener.NONE);
        assertEquals("repaired", r.status());
        assertEquals(v(1), r.currentVersion());
        assertEquals("clean", engine.status().state());
        assertEquals(1, count("SELECT COUNT(*) FROM needs_me"));
        assertTrue(engine.validateSchema(v(1)).valid(), engine.validateSchema(v(1)).problems().toString());
    }

    @Test
    void revertPartialUndoesWhatTookEffect() throws Exception {
        MigrationEngine engine = engine();
        partialFailure(engine);
        RepairReport r = engine.repair(v(1), "revert_partial", true, ProgressListener.NONE);
        assertEquals("repaired", r.status());
        assertFalse(tableExists("p1") || tableExists("p2"));
        StatusReport s = engine.status();
        assertEquals("clean", s.state());
        assertEquals(v(0), s.currentVersion());
        assertEquals(1, s.pendingCount());
        assertTrue(engine.history().entries().isEmpty());
    }

    @Test
    void markRevertedForgetsAnAttemptUndoneByHand() throws Exception {
        MigrationEngine engine = engine();
        partialFailure(engine);
        execute("DROP TABLE p2");
        execute("DROP TABLE p1");
        assertEquals("repaired", engine.repair(v(1), "mark_reverted", true, ProgressListener.NONE).status());
        assertEquals("clean", engine.status().state());
        assertEquals(vs(1), engine.status().pendingVersions());
    }

    @Test
    void impossibleRepairsAreRefused() throws Exception {
        MigrationEngine engine = engine();
        files.table(1);
        applyAll(engine);
        refused(ErrorCode.NOTHING_TO_REPAIR, () -> engine.repair(v(1), null, false, ProgressListener.NONE));
        files.write(2, "uneven", "-- migrate:no_transaction", """
                CREATE TABLE u1 (id INTEGER);
                INSERT INTO nowhere (id) VALUES (1);
                """, "DROP TABLE u1;");
        refused(ErrorCode.MIGRATION_FAILED, () -> applyAll(engine));
        refused(ErrorCode.REPAIR_NOT_POSSIBLE, () -> engine.repair(v(2), "revert_partial", true, ProgressListener.NONE));
        refused(ErrorCode.INVALID_ARGUMENT, () -> engine.repair(v(2), "undo_everything", true, ProgressListener.NONE));
        assertTrue(tableExists("u1"), "a refused repair changes nothing");
    }

    @Test
    void aPlanRunsOnlyWhileNothingChanged() throws Exception {
        files.table(1);
        files.table(2);
        MigrationEngine engine = engine();
        PlanReport plan = engine.plan(v(2));
        assertEquals("up", plan.direction());
        assertEquals(64, plan.planId().length());
        assertEquals(plan.planId(), engine.plan(v(2)).planId(), "the same state gives the same id");
        assertEquals(vs(1, 2), plan.migrations().stream().map(PlannedMigration::version).toList());
        assertEquals(v(2), engine.apply(null, false, ProgressListener.NONE, plan.planId()).toVersion());

        PlanReport down = engine.plan(v(0));
        assertEquals("down", down.direction());
        assertTrue(down.riskCounts().get("data_loss") >= 2, down.riskCounts().toString());
        files.table(3); // a new file does not change a rollback of 2 and 1
        execute("CREATE TABLE sneaky (id INTEGER)"); // but a change to the schema does
        refused(ErrorCode.PLAN_CHANGED, () -> engine.rollback(v(0), ProgressListener.NONE, null, down.planId()));
        assertTrue(tableExists("t1") && tableExists("t2"), "a refused plan runs nothing");

        PlanReport up = engine.plan(v(3));
        files.write(3, "table_3", null, "CREATE TABLE t3 (id INTEGER PRIMARY KEY, other VARCHAR(9));",
                "DROP TABLE t3;");
        refused(ErrorCode.PLAN_CHANGED, () -> engine.apply(v(3), false, ProgressListener.NONE, up.planId()));
        assertFalse(tableExists("t3"));
        assertEquals(v(3), engine.apply(v(3), false, ProgressListener.NONE, engine.plan(v(3)).planId()).toVersion());
    }

    static List<String> errors(ValidationReport r) {
        return r.problems().stream().filter(p -> p.severity().equals("error")).map(p -> p.kind() + " " + p.object())
                .toList();
    }

    @Test
    void afterAPartialRollbackTheSchemaIsComparedWithThatVersionsOwn() throws Exception {
        for (int v = 1; v <= 4; v++) {
            files.table(v);
        }
        files.write(5, "index_on_1", null, "CREATE INDEX idx_t1_name ON t1 (name);", "DROP INDEX idx_t1_name"
                + (kind() == DatabaseKind.MYSQL ? " ON t1;" : ";"));
        MigrationEngine engine = engine();
        applyAll(engine); // one run: every version it reaches gets its reference
        assertEquals(3, count("SELECT COUNT(*) FROM schema_version_snapshots WHERE snapshot LIKE '%base_version%'"),
                "versions 2 to 4 are stored as deltas on version 1; only the run's first and last are whole");

        engine.rollback(v(3), ProgressListener.NONE);
        ValidationReport atThree = engine.validateSchema(v(3));
        assertTrue(atThree.valid() && atThree.driftChecked(), atThree.problems().toString());
        assertTrue(atThree.problems().isEmpty(), "no rehearsal was needed: " + atThree.problems());

        execute("CREATE TABLE stray (id INTEGER)"); // by hand, before the rollback: the rollback must not adopt it
        engine.rollback(v(1), ProgressListener.NONE);
        ValidationReport atOne = engine.validateSchema(v(1));
        assertEquals(List.of("table_extra stray"), errors(atOne), atOne.problems().toString());
        execute("DROP TABLE stray");
        assertTrue(engine.validateSchema(v(1)).valid());

        assertEquals(v(5), applyAll(engine).toVersion());
        engine.rollback(v(2), ProgressListener.NONE);
        ValidationReport atTwo = engine.validateSchema(v(2));
        assertTrue(atTwo.valid() && atTwo.driftChecked() && atTwo.problems().isEmpty(), atTwo.problems().toString());
        engine.rollback(v(0), ProgressListener.NONE);
        assertTrue(engine.validateSchema(v(0)).valid(), "version 0 is compared with the empty schema");
    }

    @Test
    void aRunThatFailsPartWayKeepsTheReferencesOfTheVersionsItReached() throws Exception {
        files.table(1);
        files.table(2);
        files.write(3, "broken", null, "INSERT INTO no_such_table VALUES (1);", "DELETE FROM t1;");
        MigrationEngine engine = engine();
        refused(ErrorCode.MIGRATION_FAILED, () -> applyAll(engine));
        execute("CREATE TABLE stray (id INTEGER)");
        ValidationReport r = engine.validateSchema(v(2));
        assertEquals(List.of("table_extra stray"), errors(r), r.problems().toString());
    }

    @Test
    void aVersionWithoutASnapshotIsComparedWithARehearsalNeverWithItself() throws Exception {
        files.table(1);
        files.table(2);
        MigrationEngine engine = engine();
        applyAll(engine);
        execute("DROP TABLE schema_version_snapshots"); // as if migrated before snapshots existed
        execute("CREATE TABLE stray (id INTEGER)");

        ValidationReport readOnly = engine.validateSchema(null, false);
        assertEquals(List.of("table_extra stray"), errors(readOnly), readOnly.problems().toString());
        assertEquals("reference_rehearsed", readOnly.problems().get(0).kind());
        assertTrue(readOnly.driftChecked());
        assertFalse(tableExists("schema_version_snapshots"), "asked not to record, validation writes nothing");

        assertFalse(engine.validateSchema(null).valid());
        assertTrue(tableExists("schema_version_snapshots"), "the rehearsed reference is recorded");
        execute("DROP TABLE stray");
        ValidationReport clean = engine.validateSchema(null);
        assertTrue(clean.valid() && clean.driftChecked() && clean.problems().isEmpty(), clean.problems().toString());

        execute("DELETE FROM schema_version_snapshots");
        Files.delete(migrationsDir.resolve("0002_table_2.sql"));
        ValidationReport none = engine.validateSchema(null);
        assertFalse(none.valid());
        assertFalse(none.driftChecked());
        assertTrue(errors(none).contains("no_reference null"), none.problems().toString());
    }

    @Test
    void aPendingVersionBelowTheCurrentOneIsRefusedUnlessOutOfOrderIsAllowed() throws Exception {
        files.table(1);
        files.table(3);
        MigrationEngine engine = engine();
        applyAll(engine);
        files.table(2); // added after 3 was applied

        MigrateException refusedApply = refused(ErrorCode.OUT_OF_ORDER, () -> applyAll(engine));
        assertTrue(refusedApply.getMessage().contains("version 2 is pending below the current version 3"),
                refusedApply.getMessage());
        assertTrue(refusedApply.error().hint().contains("--out-of-order"), refusedApply.error().hint());
        refused(ErrorCode.OUT_OF_ORDER, () -> engine.apply(v(2), true, ProgressListener.NONE));
        refused(ErrorCode.OUT_OF_ORDER, () -> engine.plan(v(2)));
        refused(ErrorCode.OUT_OF_ORDER, () -> engine.plan(v(3)));
        assertFalse(tableExists("t2"), "a refused plan runs nothing");
        assertTrue(tableExists("t3"), "a plan to version 2 must not roll back 3");
        assertEquals("down", engine.plan(v(1)).direction(), "a rollback to an applied version stays a rollback");

        // allowed, plan and migrate agree: version 2 is applied, nothing is reverted
        PlanReport plan = engine.plan(v(2), true);
        assertEquals("up", plan.direction());
        assertEquals(vs(2), plan.migrations().stream().map(PlannedMigration::version).toList());
        assertEquals(v(3), plan.toVersion());
        ApplyReport applied = engine.apply(v(2), false, ProgressListener.NONE, plan.planId(), true);
        assertEquals(vs(2), applied.applied().stream().map(ApplyReport.AppliedMigration::version).toList());
        assertTrue(tableExists("t2") && tableExists("t3"));
        assertTrue(engine.status().pendingVersions().isEmpty());
    }

    @Test
    void outOfOrderAllowedBySettingAppliesEveryPendingVersion() throws Exception {
        files.table(1);
        files.table(3);
        applyAll(engine());
        files.table(2);
        Config config = Config.resolve(new Config.Options(db.jdbcUrl(), null, null, migrationsDir.toString(), null,
                5.0, null, "never", null), Map.of(Config.ENV_OUT_OF_ORDER, "true"));
        try (MigrationEngine allowed = new MigrationEngine(config)) {
            assertEquals("up", allowed.plan(v(2)).direction());
            assertEquals(vs(2), applyAll(allowed).applied().stream()
                    .map(ApplyReport.AppliedMigration::version).toList());
        }
        assertTrue(tableExists("t2"));
    }

    @Test
    void rehearsalFindsAWrongDownAndNeverTouchesTheDatabase() throws Exception {
        files.table(1);
        MigrationEngine engine = engine();
        applyAll(engine);
        files.table(2);
        files.write(3, "bad_down", null, "CREATE TABLE t3 (id INTEGER);", "SELECT 1;");
        TestReport report = engine.testMigrations(null);
        assertEquals("failed", report.status());
        assertEquals(v(1), report.baseVersion());
        assertEquals("ok", report.results().get(0).status());
        TestReport.Result bad = report.results().get(1);
        assertEquals("down_mismatch", bad.status());
        assertEquals(List.of("table_extra t3"), bad.differences().stream().map(d -> d.kind() + " " + d.object())
                .toList());
        assertFalse(tableExists("t2") || tableExists("t3"), "the rehearsal ran elsewhere");
        assertEquals(v(1), engine.status().currentVersion());

        files.write(3, "bad_down", null, "CREATE TABLE t3 (id INTEGER);\nINSERT INTO missing VALUES (1);",
                "DROP TABLE t3;");
        TestReport.Result failing = engine.testMigrations(v(3)).results().get(0);
        assertEquals("up_failed", failing.status());
        assertEquals(2, failing.error().details().get("statement_index"));
    }

    /** An apply that drops a table with data ran unasked, although plan_migration flagged it data_loss. */
    @Test
    void anApplyThatLosesDataNeedsConfirmation() throws Exception {
        files.table(1);
        files.write(2, "drop_t1", null, "DROP TABLE t1;", null);
        MigrationEngine engine = engine();
        engine.apply(v(1), false, ProgressListener.NONE, null, false, false, null);
        execute("INSERT INTO t1 (id) VALUES (1)");
        ApplyReport refused = engine.apply(null, false, ProgressListener.NONE, null, false, false, null);
        assertEquals("confirmation_required", refused.status());
        assertEquals(vs(2), refused.plan().stream().map(PlannedMigration::version).toList());
        assertEquals("data_loss", refused.plan().get(0).statements().get(0).risks().get(0).kind());
        assertTrue(tableExists("t1"), "nothing changed");
        assertEquals(v(1), engine.status().currentVersion());
        refused(ErrorCode.PLAN_CHANGED, () -> engine.apply(null, false, ProgressListener.NONE, null, false,
                true, vs(2, 3)));
        ApplyReport applied = engine.apply(null, false, ProgressListener.NONE, null, false, true, vs(2));
        assertEquals("applied", applied.status());
        assertFalse(tableExists("t1"));
    }

    @Test
    void createdMigrationsAreCheckedWrittenAndApplied() throws Exception {
        files.table(1);
        MigrationEngine engine = engine();
        refused(ErrorCode.INVALID_MIGRATION_FILE, () -> engine.createMigration("broken", "SELECT 'never closed",
                null, List.of(), false, false));
        refused(ErrorCode.INVALID_MIGRATION_FILE, () -> engine.createMigration("needs nine", "SELECT 1", null,
                vs(9), false, false));
        // the splitter accepts it; only the database engine knows it is not SQL, and its rehearsal says so
        MigrateException oops = refused(ErrorCode.MIGRATION_FAILED, () -> engine.createMigration("oops",
                "CREAT TABLE oops (id INTEGER)", null, List.of(), false, true));
        assertTrue(oops.getMessage().contains("no file was written"), oops.getMessage());
        assertEquals(1, engine.versions().size(), "a refused migration writes no file");
        CreatedMigration m = engine.createMigration("Add the widgets table",
                "CREATE TABLE widgets (id INTEGER PRIMARY KEY, name VARCHAR(20))", "DROP TABLE widgets",
                vs(1), true, true);
        assertEquals(v(2), m.version());
        assertEquals("0002_add_the_widgets_table.sql", m.file());
        assertEquals("ok", m.test().status());
        assertFalse(tableExists("widgets"), "writing a migration does not apply it");
        ShowReport shown = engine.show(v(2));
        assertTrue(shown.backupRequired());
        assertEquals(vs(1), shown.dependsOn());
        assertEquals(v(2), applyAll(engine).toVersion());
        assertTrue(tableExists("widgets"));
    }

    @Test
    void baselineMarksAnExistingSchemaAfterCheckingIt() throws Exception {
        files.table(1);
        files.table(2);
        files.table(3);
        MigrationEngine engine = engine();
        engine.apply(v(2), false, ProgressListener.NONE);
        // as if the schema had been made by another tool: no history at all
        execute("DROP TABLE schema_version");
        execute("DROP TABLE schema_version_snapshots");
        assertEquals(v(0), engine.status().currentVersion());

        BaselineReport preview = engine.baseline(v(2), false);
        assertEquals("confirmation_required", preview.status());
        assertEquals(vs(1, 2), preview.versions());
        assertEquals("rehearsal", preview.checkedAgainst());
        assertEquals(v(0), engine.status().currentVersion(), "a preview records nothing");

        MigrateException mismatch = refused(ErrorCode.SCHEMA_MISMATCH, () -> engine.baseline(v(3), true));
        assertTrue(mismatch.getMessage().contains("difference"), mismatch.getMessage());

        assertEquals("baselined", engine.baseline(v(2), true).status());
        assertEquals(v(2), engine.status().currentVersion());
        assertTrue(engine.validateSchema(v(2)).valid());
        assertEquals(v(3), applyAll(engine).toVersion());
    }
}
