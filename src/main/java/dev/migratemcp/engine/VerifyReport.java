package dev.migratemcp.engine;

import dev.migratemcp.backup.BackupManifest;

import java.util.List;

/** Whether a backup is sound: its file present, size and SHA-256 as recorded, and readable. */
public record VerifyReport(String backupId, boolean valid, List<String> problems, BackupManifest backup) {
}
