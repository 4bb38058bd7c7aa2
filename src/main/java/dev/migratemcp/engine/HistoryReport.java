package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import java.time.Instant;
import java.util.List;

/**
 * The history table as it stands, by version, and the last run of each Flyway repeatable script (from
 * {@code <history table>_repeatables}), by description.
 *
 * @param interruptedRestore a MySQL restore found unsettled, as in {@link StatusReport}: settled by this call, or
 *                           (unsettled) the history read may be the half-swapped database's; null when none
 */
public record HistoryReport(String historyTable, List<Entry> entries, List<RepeatableEntry> repeatables,
                            InterruptedRestore interruptedRestore) {

    /** A repeatable script's last run: Flyway's checksum it ran with, and {@code applied} or {@code failed}. */
    public record RepeatableEntry(String description, String script, Integer checksum, String state,
                                  Instant appliedAt, String appliedBy, Long executionMs, String error) {
    }

    public record Entry(Version version, String description, String checksum, String state, String direction,
                        Instant appliedAt, String appliedBy, Long executionMs, Integer statementsTotal,
                        Integer statementsDone, Integer errorStatement, String errorSqlstate, String error,
                        boolean filePresent) {
    }
}
