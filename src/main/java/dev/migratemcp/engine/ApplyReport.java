package dev.migratemcp.engine;

import dev.migratemcp.backup.BackupManifest;

import java.util.List;

/**
 * What apply did, or with {@code status = "dry_run"} what it would do.
 *
 * @param status  "applied", "up_to_date" or "dry_run"
 * @param plan    the exact SQL per migration (filled for dry runs)
 * @param notes   things worth knowing that did not stop the run (history table adopted, out-of-order versions)
 * @param backup  the backup taken first (before backup_required migrations, per --backup-before), or null
 */
public record ApplyReport(String status, long fromVersion, long toVersion, List<AppliedMigration> applied,
                          List<PlannedMigration> plan, List<String> notes, BackupManifest backup) {

    public record AppliedMigration(long version, String description, long executionMs, int statements) {
    }
}
