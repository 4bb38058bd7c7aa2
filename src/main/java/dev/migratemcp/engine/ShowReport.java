package dev.migratemcp.engine;

import java.time.Instant;
import java.util.List;

/**
 * One migration as it would run on this database.
 *
 * @param status "pending", "applied" or "failed"
 * @param down   null when the migration has no down section
 */
public record ShowReport(long version, String description, String file, String checksum, String dialect,
                         List<Long> dependsOn, boolean backupRequired, String status, Instant appliedAt,
                         boolean checksumMatches, PlannedMigration up, PlannedMigration down) {
}
