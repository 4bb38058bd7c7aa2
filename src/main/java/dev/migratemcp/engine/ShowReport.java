package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import java.time.Instant;
import java.util.List;

/**
 * One migration as it would run on this database.
 *
 * @param status "pending", "applied" or "failed"
 * @param down   null when the migration has no down section
 * @param interruptedRestore a MySQL restore found unsettled, as in {@link StatusReport}: settled by this call, or
 *                           (unsettled) the status read may be the half-swapped database's; null when none
 */
public record ShowReport(Version version, String description, String file, String checksum, String dialect,
                         List<Version> dependsOn, boolean backupRequired, String status, Instant appliedAt,
                         boolean checksumMatches, PlannedMigration up, PlannedMigration down,
                         InterruptedRestore interruptedRestore) {
}
