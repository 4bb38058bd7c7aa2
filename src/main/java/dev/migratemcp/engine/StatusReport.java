package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import java.util.List;

/**
 * Where the database stands.
 *
 * @param currentVersion highest applied version, 0 when none is applied
 * @param latestVersion  highest version among the files
 * @param state          "clean", or "failed" when a migration stopped part-way and blocks further work, or
 *                       "restore_interrupted" when a MySQL restore's swap is not settled (see interruptedRestore)
 * @param failed         the blocking migration, when state is "failed"
 * @param lastFailure    the latest failure that left nothing behind (retried by the next apply), if any
 * @param warnings       entries of the migrations folder that were passed over, each with its name and why
 * @param historySource  where the history comes from: our table, rows it adopted from another tool's table, or
 *                       (before our table exists) that other table, read as it is
 * @param pendingRepeatables the files of the Flyway repeatable scripts the next migrate runs (new, changed, or
 *                       failed last time)
 * @param interruptedRestore a MySQL restore found unsettled: settled by this call, or (state restore_interrupted)
 *                       not, and why; null when there was none
 */
public record StatusReport(String database, String dialect, String historyTable, Version currentVersion,
                           Version latestVersion, int appliedCount, int pendingCount, List<Version> pendingVersions,
                           String state, FailedMigration failed, FailedMigration lastFailure,
                           List<String> warnings, String historySource, List<String> pendingRepeatables,
                           InterruptedRestore interruptedRestore) {

    public static final String RESTORE_INTERRUPTED = "restore_interrupted";
}
