package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.backup.BackupManifest;

import java.util.List;

/**
 * What apply did, or with {@code status = "dry_run"} what it would do.
 *
 * @param status  "applied", "up_to_date", "dry_run", or "confirmation_required" for a plan that loses data and was
 *                not confirmed (nothing was changed)
 * @param plan    the exact SQL per migration with each statement's risks (filled when nothing ran)
 * @param notes   things worth knowing that did not stop the run (history table adopted, out-of-order versions)
 * @param backup  the backup taken first (per --backup-before: before a plan that loses data or has a backup_required
 *                migration), or null
 */
public record ApplyReport(String status, Version fromVersion, Version toVersion, List<AppliedMigration> applied,
                          List<PlannedMigration> plan, List<String> notes, BackupManifest backup) {

    public record AppliedMigration(Version version, String description, long executionMs, int statements) {
    }
}
