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
 * @param repeatables Flyway repeatable scripts run after the versioned migrations (in a dry run: those that would
 *                run, with no time)
 */
public record ApplyReport(String status, Version fromVersion, Version toVersion, List<AppliedMigration> applied,
                          List<PlannedMigration> plan, List<String> notes, BackupManifest backup,
                          List<RepeatableRun> repeatables) {

    public ApplyReport(String status, Version fromVersion, Version toVersion, List<AppliedMigration> applied,
                       List<PlannedMigration> plan, List<String> notes, BackupManifest backup) {
        this(status, fromVersion, toVersion, applied, plan, notes, backup, List.of());
    }

    /** A repeatable script that ran (or would run): its file, statement count and time. */
    public record RepeatableRun(String file, int statements, long executionMs) {
    }

    public record AppliedMigration(Version version, String description, long executionMs, int statements) {
    }
}
