package dev.migratemcp.backup;

import dev.migratemcp.migration.Version;
import dev.migratemcp.schema.SchemaSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a backup holds, written beside it as JSON. Everything after {@code label} describes the copy as read in the
 * snapshot it was made from (or in the copy itself), so that a deep verification can restore it into a scratch
 * database and compare; manifests of older versions lack them (null), and only what is recorded is compared.
 *
 * @param database      the redacted URL of the database it was taken from
 * @param schemaVersion the migration version the database was at
 * @param method        how it was made (e.g. {@code sqlite_backup_api})
 * @param rowCounts     rows per table in the copy
 * @param schema        PostgreSQL: the schema the backup holds (a restore replaces that schema only); else null
 * @param extensions    PostgreSQL: the extensions the schema uses, which the backup does not hold; else empty
 * @param snapshot      the schema of the copy (tables, columns, indexes, foreign keys, views, triggers)
 * @param contentHashes per table, the hash of its rows described by {@code contentHash}
 * @param contentHash   what was hashed, and how
 */
public record BackupManifest(String id, String databaseKind, String database, Version schemaVersion, String method,
                             String file, long sizeBytes, String sha256, Map<String, Long> rowCounts,
                             Instant createdAt, String label, String schema, List<Extension> extensions,
                             SchemaSnapshot snapshot, Map<String, String> contentHashes, String contentHash) {

    /** A PostgreSQL extension and the schema it is installed in. */
    public record Extension(String name, String schema) {
    }
}
