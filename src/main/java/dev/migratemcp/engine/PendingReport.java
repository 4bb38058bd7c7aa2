package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import java.util.List;

/**
 * Migrations not yet applied, in the order apply would run them, and the Flyway repeatable scripts (their files) it
 * runs after them.
 */
public record PendingReport(Version currentVersion, List<PendingMigration> pending,
                            List<String> repeatables) {

    /**
     * @param outOfOrder the version is lower than the current version (a file added after later ones were applied)
     */
    public record PendingMigration(Version version, String description, List<Version> dependsOn, boolean backupRequired,
                                   boolean transactional, boolean outOfOrder, int statements, String file) {
    }
}
