package dev.migratemcp.engine;

import dev.migratemcp.backup.BackupManifest;

import java.util.List;

/**
 * Whether a backup is sound: its file present, size and SHA-256 as recorded, and readable; when {@code deep}, also
 * restored into a scratch database with the schema, rows and content hashes its manifest recorded.
 */
public record VerifyReport(String backupId, boolean valid, boolean deep, List<String> problems,
                           BackupManifest backup) {
}
