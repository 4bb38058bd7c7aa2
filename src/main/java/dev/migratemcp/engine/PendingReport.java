package dev.migratemcp.engine;

import java.util.List;

/** Migrations not yet applied, in the order apply would run them. */
public record PendingReport(long currentVersion, List<PendingMigration> pending) {

    /**
     * @param outOfOrder the version is lower than the current version (a file added after later ones were applied)
     */
    public record PendingMigration(long version, String description, List<Long> dependsOn, boolean backupRequired,
                                   boolean transactional, boolean outOfOrder, int statements, String file) {
    }
}
