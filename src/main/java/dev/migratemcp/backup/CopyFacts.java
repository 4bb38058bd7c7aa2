package dev.migratemcp.backup;

import dev.migratemcp.schema.SchemaSnapshot;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * What a copy of a database holds, read in the very snapshot the copy was made from (or in the copy itself): its
 * schema, the rows and a content hash per table (see {@link ContentHash}), and the PostgreSQL extensions it uses.
 */
record CopyFacts(SchemaSnapshot schema, Map<String, Long> rows, Map<String, String> hashes,
                 List<BackupManifest.Extension> extensions) {

    /** Reads the facts of the connection's database (PostgreSQL: its current schema). */
    static CopyFacts of(Connection c, dev.migratemcp.dialect.Dialect dialect) throws java.sql.SQLException {
        SchemaSnapshot schema = dialect.introspector().snapshot(c, java.util.Set.of());
        Map<String, Long> rows = new java.util.LinkedHashMap<>();
        Map<String, String> hashes = new java.util.LinkedHashMap<>();
        for (SchemaSnapshot.TableInfo t : schema.tables()) {
            ContentHash.Digest d = ContentHash.of(c, dialect, t.name());
            rows.put(t.name(), d.rows());
            hashes.put(t.name(), d.sha256());
        }
        List<BackupManifest.Extension> extensions = dialect.kind() == dev.migratemcp.dialect.DatabaseKind.POSTGRESQL
                ? PostgresDependencies.extensionsUsed(c) : List.of();
        return new CopyFacts(schema, rows, hashes, extensions);
    }
}
