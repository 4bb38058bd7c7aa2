package dev.migratemcp.engine;

import java.sql.SQLException;

/** A statement of a migration failed: which one, and the database's own error. */
final class StatementFailure extends Exception {

    final int statementIndex;
    final int line;
    final SQLException cause;
    final String batchWindow;

    StatementFailure(int statementIndex, int line, SQLException cause, String batchWindow) {
        super(cause.getMessage(), cause);
        this.statementIndex = statementIndex;
        this.line = line;
        this.cause = cause;
        this.batchWindow = batchWindow;
    }
}
