package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.config.Redactor;
import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationScript;
import dev.migratemcp.migration.MigrationStatement;
import dev.migratemcp.migration.NonTransactionalStatements;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one migration up or down and keeps the history table true to what happened.
 *
 * <p>Where the database can (SQLite, PostgreSQL) the statements and the history change are one transaction: the
 * migration happens whole or not at all. Where it cannot (MySQL DDL, or a file that asks for no transaction), the
 * history row is written first as "failed, interrupted" and advanced after every statement, so a crash or kill at
 * any point leaves a row that says exactly how far it got.
 */
final class MigrationRunner {

    private static final String INTERRUPTED = "interrupted: the run stopped before this migration finished";

    private final Dialect dialect;
    private final HistoryTable history;
    private final ProgressListener listener;
    private final StatementExecutor executor;
    private final Redactor redactor;
    private final String appliedBy;

    MigrationRunner(Dialect dialect, HistoryTable history, ProgressListener listener, Redactor redactor) {
        this.dialect = dialect;
        this.history = history;
        this.listener = listener;
        this.executor = new StatementExecutor(listener);
        this.redactor = redactor;
        this.appliedBy = System.getProperty("user.name", "unknown");
    }

    /**
     * Applies the migration; returns how long it took in milliseconds.
     *
     * @param hasRow          the history holds a row for this version already (a failed attempt that left nothing)
     * @param snapshot        when not null, records the schema of the version reached once the migration has run,
     *                        inside its transaction where there is one
     */
    long apply(Connection c, Migration m, boolean hasRow, SnapshotStore.Step snapshot) {
        MigrationScript script = m.up();
        long started = System.nanoTime();
        try {
            if (runsInTransaction(script)) {
                applyInTransaction(c, m, script, started, hasRow, snapshot);
            } else {
                applyTracked(c, m, script, started, snapshot);
            }
        } catch (SQLException e) {
            throw databaseError(m, "applying", e);
        }
        return elapsedMillis(started);
    }

    /**
     * Reverts the migration, whose history row is {@code row}; returns how long it took in milliseconds. Nothing is
     * recorded of the schema it leaves: the version it returns to has the reference recorded when it was applied.
     */
    long revert(Connection c, Migration m, HistoryRow row) {
        MigrationScript script = m.down();
        long started = System.nanoTime();
        try {
            if (runsInTransaction(script)) {
                revertInTransaction(c, m, script);
            } else {
                revertTracked(c, m, script, row);
            }
        } catch (SQLException e) {
            throw databaseError(m, "reverting", e);
        }
        return elapsedMillis(started);
    }

    boolean runsInTransaction(MigrationScript script) {
        return script.transactional() && dialect.transactionalDdl();
    }

    private void applyInTransaction(Connection c, Migration m, MigrationScript script, long started, boolean hasRow,
                                    SnapshotStore.Step snapshot) throws SQLException {
        List<MigrationStatement> statements = script.statements();
        StatementFailure failure = inTransaction(c, m, statements, () -> {
            HistoryRow applied = appliedRow(m, statements.size(), elapsedMillis(started));
            if (hasRow) {
                history.put(c, applied);
            } else {
                history.insert(c, applied); // the common case: one statement, not a delete and an insert
            }
            recordSnapshot(c, snapshot);
        });
        if (failure != null) {
            // everything was rolled back: record the failure on its own, with nothing done
            history.put(c, failedRow(m, Direction.UP, statements.size(), 0, failure));
            throw migrationFailed(m, Direction.UP, failure, true);
        }
    }

    private void applyTracked(Connection c, Migration m, MigrationScript script, long started,
                              SnapshotStore.Step snapshot) throws SQLException {
        List<MigrationStatement> statements = script.statements();
        history.put(c, interruptedRow(m.version(), m.description(), m.checksum(), Direction.UP, statements.size(), 0,
                null, null));
        Stopped stop = runTracked(c, m, statements, 0, null);
        if (stop != null) {
            HistoryRow failed = failedRow(m, Direction.UP, statements.size(), stop);
            history.put(c, failed);
            throw migrationFailed(m, Direction.UP, stop.failure, !failed.blocking());
        }
        history.put(c, appliedRow(m, statements.size(), elapsedMillis(started)));
        recordSnapshot(c, snapshot);
    }

    private void revertInTransaction(Connection c, Migration m, MigrationScript script) throws SQLException {
        StatementFailure failure = inTransaction(c, m, script.statements(), () -> history.delete(c, m.version()));
        if (failure != null) {
            throw migrationFailed(m, Direction.DOWN, failure, true);
        }
    }

    /** The history change that commits together with a migration's statements. */
    @FunctionalInterface
    private interface HistoryChange {
        void apply() throws SQLException;
    }

    /**
     * Runs the statements and, when all succeed and the database still checks out, the history change, in one
     * transaction: committed whole, or rolled back whole and the failure returned.
     */
    private StatementFailure inTransaction(Connection c, Migration m, List<MigrationStatement> statements,
                                           HistoryChange onSuccess) throws SQLException {
        StatementFailure failure;
        dialect.beforeMigration(c);
        c.setAutoCommit(false);
        try {
            failure = runAll(c, m, statements);
            if (failure == null) {
                failure = verify(c, statements.size());
            }
            if (failure == null) {
                failure = commit(c, statements.size(), onSuccess);
            }
            if (failure != null) {
                rollbackQuietly(c);
            }
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            dialect.restoreAutoCommit(c);
            dialect.afterMigration(c);
        }
        return failure;
    }

    /**
     * Writes the history change and commits. When that fails for want of disk space or the like, the transaction
     * is rolled back and the failure is the migration's, recorded like a statement's; a broken connection is not,
     * since the commit may have gone through.
     */
    private StatementFailure commit(Connection c, int statementCount, HistoryChange onSuccess) throws SQLException {
        try {
            onSuccess.apply();
            dialect.commit(c);
            return null;
        } catch (SQLException e) {
            if (connectionLost(e)) {
                throw e;
            }
            return new StatementFailure(statementCount, 0, e, null);
        }
    }

    private static boolean connectionLost(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private void revertTracked(Connection c, Migration m, MigrationScript script, HistoryRow row)
            throws SQLException {
        List<MigrationStatement> statements = script.statements();
        history.put(c, interruptedRow(m.version(), row.description(), row.checksum(), Direction.DOWN,
                statements.size(), 0, null, null));
        Stopped stop = runTracked(c, m, statements, 0, null);
        if (stop == null) {
            history.delete(c, m.version());
            return;
        }
        boolean nothingUndone = stop.done == 0 && stop.started == null && stop.batchNextKey == null;
        if (nothingUndone) {
            // nothing was undone: the migration is still fully applied; keep the failure on record beside it
            history.put(c, new HistoryRow(row.version(), row.description(), row.checksum(), HistoryRow.APPLIED,
                    Direction.UP.id(), row.appliedAt(), row.appliedBy(), row.executionMs(), row.statementsTotal(),
                    row.statementsDone(), 1, dialect.errorState(stop.failure.cause),
                    "revert failed: " + message(stop.failure)));
        } else {
            history.put(c, failedRow(m, Direction.DOWN, statements.size(), stop));
        }
        throw migrationFailed(m, Direction.DOWN, stop.failure, nothingUndone);
    }

    /** Runs the statements in order inside the migration's transaction; returns the first failure, or null. */
    private StatementFailure runAll(Connection c, Migration m, List<MigrationStatement> statements) {
        for (int i = 0; i < statements.size(); i++) {
            try {
                executor.run(c, m.version(), i + 1, statements.get(i));
            } catch (StatementFailure f) {
                return f;
            }
            listener.statementDone(m.version(), i + 1, statements.size());
        }
        return null;
    }

    /**
     * Where a tracked run stopped: the failure, the statements that took effect before it, and what of the failing
     * one may have (a statement whose effect is in doubt, or a batch's committed windows).
     */
    private record Stopped(StatementFailure failure, int done, Integer started, Long batchNextKey) {
    }

    /**
     * Runs statements {@code doneBefore + 1} onwards outside a migration transaction, keeping the history row exact
     * at every moment a kill could strike: a statement that can run in a transaction commits in one with the note
     * that it is done; one that cannot (MySQL DDL, PostgreSQL CREATE INDEX CONCURRENTLY) is noted as started first,
     * so that a kill before its end is recorded leaves a row that names it, and the live schema says whether it
     * took effect; a batched statement commits each window with the key the next one starts from.
     *
     * @param batchFrom where the first statement resumes, when it is a batch whose earlier windows committed
     * @return where it stopped, or null when every statement ran
     */
    private Stopped runTracked(Connection c, Migration m, List<MigrationStatement> statements, int doneBefore,
                               Long batchFrom) throws SQLException {
        for (int i = doneBefore; i < statements.size(); i++) {
            int index = i + 1;
            MigrationStatement statement = statements.get(i);
            Stopped stop;
            if (statement.batched()) {
                stop = runBatchTracked(c, m, index, statement, i == doneBefore ? batchFrom : null);
            } else if (dialect.commitsImplicitly(statement.sql())
                    || NonTransactionalStatements.reason(statement.sql(), dialect.kind()).isPresent()) {
                stop = runOutsideTransaction(c, m, index, statement);
            } else {
                stop = runWithItsProgress(c, m, index, statement);
            }
            if (stop != null) {
                return stop;
            }
            listener.statementDone(m.version(), index, statements.size());
        }
        return null;
    }

    /** One statement and the note that it is done, in one transaction: both happen or neither. */
    private Stopped runWithItsProgress(Connection c, Migration m, int index, MigrationStatement statement)
            throws SQLException {
        c.setAutoCommit(false);
        StatementFailure failure;
        try {
            executor.run(c, m.version(), index, statement);
            history.recordDone(c, m.version(), index);
            dialect.commit(c);
            return null;
        } catch (StatementFailure f) {
            failure = f;
        } catch (SQLException commitFailed) {
            failure = new StatementFailure(index, statement.line(), commitFailed, null);
        } finally {
            rollbackQuietly(c);
            dialect.restoreAutoCommit(c);
        }
        return new Stopped(failure, index - 1, null, null);
    }

    /**
     * A statement that commits by itself: noted as started before it runs and as done after. When it fails, it
     * stays noted as started only if it may have left something behind (the connection broke, so the server may
     * have finished it; or PostgreSQL kept the invalid index of a failed CREATE INDEX CONCURRENTLY).
     */
    private Stopped runOutsideTransaction(Connection c, Migration m, int index, MigrationStatement statement)
            throws SQLException {
        history.recordStarted(c, m.version(), index);
        try {
            executor.run(c, m.version(), index, statement);
        } catch (StatementFailure f) {
            boolean leftSomething = connectionLost(f.cause) || StatementEffect.decide(dialect, c,
                    dialect.introspector().snapshot(c, java.util.Set.of(history.name())), statement.sql()).outcome() == StatementEffect.Outcome.LEFT_INVALID_INDEX;
            return new Stopped(f, index - 1, leftSomething ? index : null, null);
        }
        history.recordDone(c, m.version(), index);
        return null;
    }

    /** Each window of the batch commits with the key the next one starts from; then the statement is done. */
    private Stopped runBatchTracked(Connection c, Migration m, int index, MigrationStatement statement,
                                    Long resumeFrom) throws SQLException {
        TrackedWindows windows = new TrackedWindows(m.version(), resumeFrom);
        try {
            executor.run(c, m.version(), index, statement, resumeFrom, windows);
        } catch (StatementFailure f) {
            return new Stopped(f, index - 1, null, windows.committedUpTo);
        }
        history.recordDone(c, m.version(), index);
        return null;
    }

    /** Each window of a batch in a transaction of its own, committed with the key the next window starts from. */
    private final class TrackedWindows implements StatementExecutor.Windows {
        private final Version version;
        private Long committedUpTo;

        TrackedWindows(Version version, Long committedUpTo) {
            this.version = version;
            this.committedUpTo = committedUpTo;
        }

        @Override
        public void begin(Connection c) throws SQLException {
            c.setAutoCommit(false);
        }

        @Override
        public void end(Connection c, long nextKey) throws SQLException {
            history.recordWindow(c, version, nextKey);
            dialect.commit(c);
            c.setAutoCommit(true);
            committedUpTo = nextKey;
        }

        @Override
        public void abort(Connection c) throws SQLException {
            rollbackQuietly(c);
            dialect.restoreAutoCommit(c);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException alreadyEnded) {
            // a failed statement or commit may have ended the transaction already; the first error is the one to report
        }
    }

    private StatementFailure verify(Connection c, int statementCount) {
        try {
            dialect.verifyBeforeCommit(c);
            return null;
        } catch (SQLException e) {
            return new StatementFailure(statementCount, 0, e, null);
        }
    }

    /**
     * Resumes a failed migration or undoes what of it took effect: the history row is rewritten to say which
     * section now runs and how far it is (undoing an up section that got to statement k is running its down section
     * from statement n - k + 1), any leftover is cleared, and the statements run tracked, as {@link #runTracked}
     * does. On success the row says applied (the migration is whole) or is gone (nothing of it is left).
     */
    void repair(Connection c, Migration m, HistoryRow row, RepairPlanner.Run run) {
        Direction direction = run.direction();
        List<MigrationStatement> all = m.script(direction).map(MigrationScript::statements).orElse(List.of());
        int doneBefore = run.firstIndex() - 1;
        try {
            if (run.finishBatch() != null) {
                finishBatch(c, m, row, run.finishBatch());
            }
            history.put(c, interruptedRow(m.version(), row.description(), row.checksum(), direction, all.size(),
                    doneBefore, run.cleanup().isEmpty() ? null : row.statementStarted(), run.batchFrom()));
            if (!run.cleanup().isEmpty()) {
                for (String sql : run.cleanup()) {
                    try (Statement s = c.createStatement()) {
                        s.execute(sql);
                    }
                }
                history.recordDone(c, m.version(), doneBefore);
            }
            Stopped stop = runTracked(c, m, all, doneBefore, run.batchFrom());
            if (stop != null) {
                history.put(c, failedRow(m, direction, all.size(), stop));
                throw migrationFailed(m, direction, stop.failure, false);
            }
            if (direction == Direction.UP) {
                history.put(c, appliedRow(m, all.size(), 0));
            } else {
                history.delete(c, m.version());
            }
        } catch (SQLException e) {
            throw databaseError(m, "repairing", e);
        }
    }

    /**
     * Runs the windows of batched statement {@code index} of the failed section that did not run yet, as resume
     * would: the row already says how far it got, so a kill here leaves it as true as anywhere else.
     */
    private void finishBatch(Connection c, Migration m, HistoryRow row, int index) throws SQLException {
        Direction failed = "down".equals(row.direction()) ? Direction.DOWN : Direction.UP;
        List<MigrationStatement> forward = m.script(failed).orElseThrow().statements();
        Stopped stop = runTracked(c, m, forward.subList(0, index), index - 1, row.batchNextKey());
        if (stop != null) {
            history.put(c, failedRow(m, failed, forward.size(), stop));
            throw migrationFailed(m, failed, stop.failure, false);
        }
    }

    /** Records the answer to "did statement k take effect?" that the live schema could not give. */
    void settle(Connection c, HistoryRow row, boolean tookEffect) throws SQLException {
        int started = row.statementStarted();
        history.recordDone(c, row.version(), tookEffect ? started : started - 1);
    }

    private void recordSnapshot(Connection c, SnapshotStore.Step snapshot) throws SQLException {
        if (snapshot != null) {
            snapshot.record(c);
        }
    }

    private HistoryRow appliedRow(Migration m, int statements, long executionMs) {
        return new HistoryRow(m.version(), m.description(), m.checksum(), HistoryRow.APPLIED, Direction.UP.id(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), appliedBy, executionMs, statements, statements, null, null, null);
    }

    private HistoryRow failedRow(Migration m, Direction direction, int total, int done, StatementFailure f) {
        return failedRow(m, direction, total, new Stopped(f, done, null, null));
    }

    private HistoryRow failedRow(Migration m, Direction direction, int total, Stopped stop) {
        StatementFailure f = stop.failure;
        return new HistoryRow(m.version(), m.description(), m.checksum(), HistoryRow.FAILED, direction.id(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), appliedBy, null, total, stop.done, f.statementIndex,
                dialect.errorState(f.cause), message(f), stop.started, stop.batchNextKey);
    }

    /** The row a tracked run starts from: failed until it ends, so that a kill at any point leaves it saying so. */
    private HistoryRow interruptedRow(Version version, String description, String checksum, Direction direction,
                                      int total, int done, Integer started, Long batchNextKey) {
        return new HistoryRow(version, description, checksum, HistoryRow.FAILED, direction.id(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), appliedBy, null, total, done, null, null, INTERRUPTED,
                started, batchNextKey);
    }


    private String message(StatementFailure f) {
        String text = redactor.redact(f.cause.getMessage());
        return f.batchWindow == null ? text : text + " (batch window " + f.batchWindow + ")";
    }

    private MigrateException migrationFailed(Migration m, Direction direction, StatementFailure f, boolean clean) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", m.version());
        details.put("direction", direction.id());
        details.put("statement_index", f.statementIndex);
        details.put("statement_line", f.line);
        String file = m.script(direction).map(MigrationScript::file).orElse(m.fileName());
        details.put("file", file);
        details.put("sql_state", dialect.errorState(f.cause));
        if (f.batchWindow != null) {
            details.put("batch_window", f.batchWindow);
        }
        details.put("rolled_back", clean);
        String what = direction == Direction.UP ? "applying" : "reverting";
        String hint = clean
                ? "Nothing of this migration took effect. Fix the statement (" + file + " line " + f.line
                + ") or the data it trips on, then run the same command again."
                : "Statements before statement " + f.statementIndex + " took effect and could not be rolled back. "
                + "Run repair for version " + m.version() + " to see the ways out (resume after fixing the cause, "
                + "revert_partial, mark_reverted); until then other migrations are refused.";
        if (TransactionBlockRefusal.is(dialect.kind(), f.cause, dialect.errorState(f.cause))) {
            hint = TransactionBlockRefusal.hint(file) + " " + hint;
        }
        boolean full = dialect.diskFull(f.cause);
        if (full) {
            hint = "The disk (or the database's space) is full. Free space, then " + (clean ? "run the same command "
                    + "again." : "run repair for version " + m.version() + " to resume.");
        }
        return new MigrateException(full ? ErrorCode.DISK_FULL : ErrorCode.MIGRATION_FAILED, "migration "
                + m.version() + " failed while " + what
                + " at statement " + f.statementIndex + " (line " + f.line + "): " + message(f), hint, details,
                null);
    }

    private MigrateException databaseError(Migration m, String what, SQLException e) {
        boolean full = dialect.diskFull(e);
        return new MigrateException(full ? ErrorCode.DISK_FULL : ErrorCode.DATABASE_ERROR, (full ? "disk full"
                : "database error") + " while " + what + " migration " + m.version() + ": "
                + redactor.redact(e.getMessage()), (full ? "Free space on the database's disk. " : "")
                + "Check the connection and the history table; run status to see what was recorded.",
                Map.of("version", m.version(), "sql_state", String.valueOf(dialect.errorState(e))), null);
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
