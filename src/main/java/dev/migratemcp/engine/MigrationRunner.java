package dev.migratemcp.engine;

import dev.migratemcp.config.Redactor;
import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationScript;
import dev.migratemcp.migration.MigrationStatement;

import java.sql.Connection;
import java.sql.SQLException;
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
        history.put(c, new HistoryRow(m.version(), m.description(), m.checksum(), HistoryRow.FAILED, Direction.UP.id(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), appliedBy, null, statements.size(), 0, null, null, INTERRUPTED));
        StatementFailure failure = runAll(c, m, statements, true);
        if (failure != null) {
            history.put(c, failedRow(m, Direction.UP, statements.size(), failure.statementIndex - 1, failure));
            throw migrationFailed(m, Direction.UP, failure, failure.statementIndex == 1);
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
            failure = runAll(c, m, statements, false);
            if (failure == null) {
                failure = verify(c, statements.size());
            }
            if (failure == null) {
                onSuccess.apply();
                dialect.commit(c);
            } else {
                c.rollback();
            }
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException notInTransaction) {
                // a failed commit may have ended the transaction already; the first error is the one to report
                e.addSuppressed(notInTransaction);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
            dialect.afterMigration(c);
        }
        return failure;
    }

    private void revertTracked(Connection c, Migration m, MigrationScript script, HistoryRow row)
            throws SQLException {
        List<MigrationStatement> statements = script.statements();
        history.put(c, new HistoryRow(m.version(), row.description(), row.checksum(), HistoryRow.FAILED,
                Direction.DOWN.id(), Instant.now().truncatedTo(ChronoUnit.MILLIS), appliedBy, null, statements.size(), 0, null, null, INTERRUPTED));
        StatementFailure failure = runAll(c, m, statements, true);
        if (failure == null) {
            history.delete(c, m.version());
            return;
        }
        if (failure.statementIndex == 1) {
            // nothing was undone: the migration is still fully applied; keep the failure on record beside it
            history.put(c, new HistoryRow(row.version(), row.description(), row.checksum(), HistoryRow.APPLIED,
                    Direction.UP.id(), row.appliedAt(), row.appliedBy(), row.executionMs(), row.statementsTotal(),
                    row.statementsDone(), 1, dialect.errorState(failure.cause), "revert failed: " + message(failure)));
        } else {
            history.put(c, failedRow(m, Direction.DOWN, statements.size(), failure.statementIndex - 1, failure));
        }
        throw migrationFailed(m, Direction.DOWN, failure, failure.statementIndex == 1);
    }

    /**
     * Runs the statements in order; returns the first failure, or null. With {@code tracked} (no transaction) the
     * history row is advanced after each statement, because each one is committed as it runs.
     */
    private StatementFailure runAll(Connection c, Migration m, List<MigrationStatement> statements, boolean tracked)
            throws SQLException {
        for (int i = 0; i < statements.size(); i++) {
            try {
                executor.run(c, m.version(), i + 1, statements.get(i));
            } catch (StatementFailure f) {
                return f;
            }
            if (tracked) {
                history.updateProgress(c, m.version(), i + 1);
            }
            listener.statementDone(m.version(), i + 1, statements.size());
        }
        return null;
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
     * Resumes a failed migration or undoes what of it took effect, statement by statement, keeping the history row
     * true after each one, as the tracked path does. On success the row says applied (the migration is whole) or is
     * gone (nothing of it is left).
     */
    void repair(Connection c, Migration m, HistoryRow row, RepairAction action, RepairPlanner.Run run) {
        Direction failed = "down".equals(row.direction()) ? Direction.DOWN : Direction.UP;
        boolean resume = action == RepairAction.RESUME;
        int total = m.script(failed).map(script -> script.statements().size()).orElse(0);
        try {
            for (int i = 0; i < run.statements().size(); i++) {
                int index = run.firstIndex() + i;
                try {
                    executor.run(c, m.version(), index, run.statements().get(i));
                } catch (StatementFailure f) {
                    int stillDone = resume ? row.done() + i : row.done() - i;
                    history.put(c, failedRow(m, failed, total, stillDone, f));
                    throw migrationFailed(m, run.direction(), f, false);
                }
                history.updateProgress(c, m.version(), resume ? row.done() + i + 1 : row.done() - i - 1);
                listener.statementDone(m.version(), index, run.statements().size());
            }
            boolean whole = resume == (failed == Direction.UP);
            if (whole) {
                history.put(c, appliedRow(m, total, 0));
            } else {
                history.delete(c, m.version());
            }
        } catch (SQLException e) {
            throw databaseError(m, "repairing", e);
        }
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
        return new HistoryRow(m.version(), m.description(), m.checksum(), HistoryRow.FAILED, direction.id(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), appliedBy, null, total, done, f.statementIndex, dialect.errorState(f.cause), message(f));
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
        return new MigrateException(ErrorCode.MIGRATION_FAILED, "migration " + m.version() + " failed while " + what
                + " at statement " + f.statementIndex + " (line " + f.line + "): " + message(f), hint, details,
                null);
    }

    private MigrateException databaseError(Migration m, String what, SQLException e) {
        return new MigrateException(ErrorCode.DATABASE_ERROR, "database error while " + what + " migration "
                + m.version() + ": " + redactor.redact(e.getMessage()),
                "Check the connection and the history table; run status to see what was recorded.",
                Map.of("version", m.version(), "sql_state", String.valueOf(dialect.errorState(e))), null);
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
