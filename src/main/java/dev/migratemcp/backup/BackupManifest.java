package dev.migratemcp.backup;

import java.time.Instant;
import java.util.Map;

/**
 * What a backup holds, written beside it as JSON.
 *
 * @param database      the redacted URL of the database it was taken from
 * @param schemaVersion the migration version the database was at
 * @param method        how it was made (e.g. {@code sqlite_vacuum_into})
 * @param rowCounts     rows per table at the time of the backup
 */
public record BackupManifest(String id, String databaseKind, String database, long schemaVersion, String method,
                             String file, long sizeBytes, String sha256, Map<String, Long> rowCounts,
                             Instant createdAt, String label) {
}
