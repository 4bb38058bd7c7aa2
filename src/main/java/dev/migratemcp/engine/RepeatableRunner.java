package dev.migratemcp.engine;

import dev.migratemcp.config.Redactor;
import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.migration.MigrationStatement;
import dev.migratemcp.migration.Version;
import dev.migratemcp.migration.RepeatableMigration;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one repeatable script and records it. Where the database allows, the statements and the row commit together
 * in one transaction, and a failure leaves nothing but a {@code failed} row; elsewhere (MySQL, or a script that must
 * run outside a transaction) the statements run one by one and the row is written after them. Either way a failed
 * repeatable blocks nothing: a repeatable is written to be run again, and the next migrate runs it again whole.
 */
final class RepeatableRunner {

    private final Dialect dialect;
    private final RepeatableHistory history;
    private final StatementExecutor executor;
    private final Redactor redactor;
    private final String appliedBy = System.getProperty("user.name", "unknown");

    RepeatableRunner(Dialect dialect, RepeatableHistory history, ProgressListener listener, Redactor redactor) {
        this.dialect = dialect;
        this.history = history;
        this.executor = new StatementExecutor(listener);
        this.redactor = redactor;
    }

    /** Runs the script; returns how long it took in milliseconds. */
    long run(Connection c, RepeatableMigration r) {
        long started = System.nanoTime();
        List<MigrationStatement> statements = r.up().statements();
        boolean inTransaction = r.up().transactional() && dialect.transactionalDdl();
        try {
            StatementFailure failure = null;
            if (inTransaction) {
                dialect.beforeMigration(c);
                c.setAutoCommit(false);
                try {
                    failure = runAll(c, statements);
                    if (failure == null) {
                        history.put(c, row(r, HistoryRow.APPLIED, millis(started), null));
                        dialect.commit(c);
                    } else {
                        c.rollback();
                    }
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    dialect.restoreAutoCommit(c);
                    dialect.afterMigration(c);
                }
            } else {
                failure = runAll(c, statements);
            }
            if (failure != null) {
                history.put(c, row(r, HistoryRow.FAILED, null, message(failure)));
                throw failed(r, failure, inTransaction);
            }
            if (!inTransaction) {
                history.put(c, row(r, HistoryRow.APPLIED, millis(started), null));
            }
        } catch (SQLException e) {
            throw new MigrateException(dialect.diskFull(e) ? ErrorCode.DISK_FULL : ErrorCode.DATABASE_ERROR,
                    "database error while running the repeatable script " + r.fileName() + ": "
                            + redactor.redact(e.getMessage()), "Check the connection; run status to see what was "
                    + "recorded.", Map.of("file", r.fileName(), "sql_state", String.valueOf(dialect.errorState(e))),
                    null);
        }
        return millis(started);
    }

    private StatementFailure runAll(Connection c, List<MigrationStatement> statements) {
        for (int i = 0; i < statements.size(); i++) {
            try {
                executor.run(c, Version.ZERO, i + 1, statements.get(i));
            } catch (StatementFailure f) {
                return f;
            }
        }
        return null;
    }

    private RepeatableHistory.Row row(RepeatableMigration r, String state, Long ms, String error) {
        return new RepeatableHistory.Row(r.description(), r.fileName(), r.checksum(), state,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), appliedBy, ms, error);
    }

    private String message(StatementFailure f) {
        return redactor.redact(f.cause.getMessage());
    }

    private MigrateException failed(RepeatableMigration r, StatementFailure f, boolean rolledBack) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("repeatable", r.description());
        details.put("file", r.fileName());
        details.put("statement_index", f.statementIndex);
        details.put("statement_line", f.line);
        details.put("sql_state", dialect.errorState(f.cause));
        details.put("rolled_back", rolledBack);
        String hint = (rolledBack ? "Nothing of it took effect. " : "Statements before statement " + f.statementIndex
                + " took effect. ") + "Fix the script (" + r.fileName() + " line " + f.line + "); the next migrate "
                + "runs it again whole.";
        if (TransactionBlockRefusal.is(dialect.kind(), f.cause, dialect.errorState(f.cause))) {
            hint = TransactionBlockRefusal.hint(r.fileName()) + " " + hint;
        }
        return new MigrateException(ErrorCode.MIGRATION_FAILED, "the repeatable script " + r.fileName()
                + " failed at statement " + f.statementIndex + " (line " + f.line + "): " + message(f), hint,
                details, null);
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
