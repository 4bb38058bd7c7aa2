package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.backup.BackupManifest;

/**
 * A restore, done or proposed.
 *
 * @param status      "confirmation_required" (nothing changed) or "restored"
 * @param fromVersion the version the database was at
 * @param toVersion   the version it is at after the restore (the backup's, when proposed)
 * @param safetyBackup the backup of the state before the restore, taken first
 */
public record RestoreReport(String status, BackupManifest backup, Version fromVersion, Version toVersion,
                            BackupManifest safetyBackup) {
}
