package dev.migratemcp.engine;

import java.util.List;

/**
 * What rollback did or would do.
 *
 * @param status     "rolled_back", "up_to_date" (nothing above the target), "dry_run" or "confirmation_required"
 * @param willRevert the migrations to revert, newest first, with their down SQL
 * @param reverted   what was reverted (status "rolled_back")
 */
public record RollbackReport(String status, long fromVersion, long toVersion, List<PlannedMigration> willRevert,
                             List<RevertedMigration> reverted, List<String> notes) {

    public record RevertedMigration(long version, String description, long executionMs, int statements) {
    }
}
