package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import java.time.Instant;
import java.util.List;

/** The history table as it stands, by version. */
public record HistoryReport(String historyTable, List<Entry> entries) {

    public record Entry(Version version, String description, String checksum, String state, String direction,
                        Instant appliedAt, String appliedBy, Long executionMs, Integer statementsTotal,
                        Integer statementsDone, Integer errorStatement, String errorSqlstate, String error,
                        boolean filePresent) {
    }
}
