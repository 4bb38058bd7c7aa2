package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import java.util.List;

/**
 * Migrations not yet applied, in the order apply would run them, and the Flyway repeatable scripts (their files) it
 * runs after them.
 *
 * @param interruptedRestore a MySQL restore found unsettled, as in {@link StatusReport}: settled by this call, or
 *                           (unsettled) the database may be half swapped and the list describes that; null when none
 */
public record PendingReport(Version currentVersion, List<PendingMigration> pending,
                            List<String> repeatables, InterruptedRestore interruptedRestore) {

    /**
     * @param outOfOrder the version is lower than the current version (a file added after later ones were applied)
     */
    public record PendingMigration(Version version, String description, List<Version> dependsOn, boolean backupRequired,
                                   boolean transactional, boolean outOfOrder, int statements, String file) {
    }
}
