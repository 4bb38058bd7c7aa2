package dev.migratemcp.engine;

import java.time.Instant;

/** One row of the history table. Nullable boxes are columns an adopted older table may not have filled. */
record HistoryRow(long version, String description, String checksum, String state, String direction,
                  Instant appliedAt, String appliedBy, Long executionMs, Integer statementsTotal,
                  Integer statementsDone, Integer errorStatement, String errorSqlstate, String error) {

    static final String APPLIED = "applied";
    static final String FAILED = "failed";

    boolean applied() {
        return APPLIED.equals(state);
    }

    boolean failed() {
        return FAILED.equals(state);
    }

    int done() {
        return statementsDone == null ? 0 : statementsDone;
    }

    /**
     * A failure blocks further work unless we know nothing of it took effect: we saw the failing statement (so the
     * run was not simply killed) and no statement before it had been committed.
     */
    boolean blocking() {
        return failed() && !(errorStatement != null && done() == 0);
    }
}
