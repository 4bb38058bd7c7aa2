package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import java.time.Instant;

/**
 * One row of the history table. Nullable boxes are columns an adopted older table may not have filled.
 *
 * @param statementStarted a statement that runs outside any transaction (MySQL DDL, PostgreSQL CREATE INDEX
 *                         CONCURRENTLY) was started and its end not recorded: whether it took effect is read from the
 *                         live schema ({@link StatementEffect}); null when none is in doubt
 * @param batchNextKey     the batched statement after the {@code statementsDone} ones has committed every window
 *                         below this key; the next window starts here. Null when none of its windows committed
 */
record HistoryRow(Version version, String description, String checksum, String state, String direction,
                  Instant appliedAt, String appliedBy, Long executionMs, Integer statementsTotal,
                  Integer statementsDone, Integer errorStatement, String errorSqlstate, String error,
                  Integer statementStarted, Long batchNextKey) {

    static final String APPLIED = "applied";
    static final String FAILED = "failed";

    /** A row with nothing in doubt: no statement started without its end recorded, no batch part-way. */
    HistoryRow(Version version, String description, String checksum, String state, String direction,
               Instant appliedAt, String appliedBy, Long executionMs, Integer statementsTotal,
               Integer statementsDone, Integer errorStatement, String errorSqlstate, String error) {
        this(version, description, checksum, state, direction, appliedAt, appliedBy, executionMs, statementsTotal,
                statementsDone, errorStatement, errorSqlstate, error, null, null);
    }

    boolean applied() {
        return APPLIED.equals(state);
    }

    boolean failed() {
        return FAILED.equals(state);
    }

    int done() {
        return statementsDone == null ? 0 : statementsDone;
    }

    int total() {
        return statementsTotal == null ? 0 : statementsTotal;
    }

    /**
     * A failure blocks further work unless we know nothing of it took effect: we saw the failing statement (so the
     * run was not simply killed), no statement before it had been committed, no window of a batch had, and no
     * statement is in doubt.
     */
    boolean blocking() {
        return failed() && !(errorStatement != null && done() == 0 && statementStarted == null
                && batchNextKey == null);
    }
}
