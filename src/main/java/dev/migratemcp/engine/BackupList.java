package dev.migratemcp.engine;

import dev.migratemcp.backup.BackupManifest;

import java.util.List;

/** The complete backups in the backups folder, newest first. */
public record BackupList(String folder, List<BackupManifest> backups) {
}
