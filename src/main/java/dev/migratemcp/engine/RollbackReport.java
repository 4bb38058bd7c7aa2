package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.backup.BackupManifest;

import java.util.List;

/**
 * What rollback did or would do.
 *
 * @param status     "rolled_back", "up_to_date" (nothing above the target), "dry_run" or "confirmation_required"
 * @param willRevert the migrations to revert, newest first, with their down SQL
 * @param reverted   what was reverted (status "rolled_back")
 * @param backup     the backup taken first when the rollback drops data (per --backup-before), or null
 */
public record RollbackReport(String status, Version fromVersion, Version toVersion, List<PlannedMigration> willRevert,
                             List<RevertedMigration> reverted, List<String> notes, BackupManifest backup) {

    public record RevertedMigration(Version version, String description, long executionMs, int statements) {
    }
}
