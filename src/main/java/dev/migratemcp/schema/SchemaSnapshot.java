package dev.migratemcp.schema;

import java.util.List;

/**
 * What a database's schema looks like at one moment: every user table (the history table left out), view and trigger,
 * sorted by name so that two snapshots of the same schema are equal and serialise to the same JSON.
 */
public record SchemaSnapshot(List<TableInfo> tables, List<ViewInfo> views, List<TriggerInfo> triggers) {

    public SchemaSnapshot {
        tables = List.copyOf(tables);
        views = List.copyOf(views);
        triggers = List.copyOf(triggers);
    }

    /** SHA-256 of the compact JSON: equal snapshots hash the same, so a hash stands for a whole schema. */
    public String hash() {
        return hashOf(SnapshotJson.write(this));
    }

    /** The hash of a snapshot already written as JSON by {@link SnapshotJson}, so it is serialised only once. */
    public static String hashOf(String snapshotJson) {
        return dev.migratemcp.migration.Checksums.sha256(snapshotJson);
    }

    /** The same snapshot restricted to one table (and the triggers on it); empty when there is no such table. */
    public SchemaSnapshot onlyTable(String table) {
        return new SchemaSnapshot(tables.stream().filter(t -> t.name().equalsIgnoreCase(table)).toList(),
                List.of(), triggers.stream().filter(t -> t.table().equalsIgnoreCase(table)).toList());
    }

    public record TableInfo(String name, List<ColumnInfo> columns, List<String> primaryKey, List<IndexInfo> indexes,
                            List<ForeignKeyInfo> foreignKeys) {
        public TableInfo {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            indexes = List.copyOf(indexes);
            foreignKeys = List.copyOf(foreignKeys);
        }
    }

    /**
     * {@code type} is normalised (lower case, one spelling per type); {@code defaultValue} may be null;
     * {@code autoIncrement} is true for columns the database numbers itself (identity, serial, AUTO_INCREMENT, SQLite's
     * INTEGER PRIMARY KEY), whose sequence-backed default is then left out.
     */
    public record ColumnInfo(String name, String type, boolean nullable, String defaultValue, boolean autoIncrement) {
    }

    /** {@code where} is the predicate of a partial index, or null. */
    public record IndexInfo(String name, List<String> columns, boolean unique, String where) {
        public IndexInfo {
            columns = List.copyOf(columns);
        }
    }

    public record ForeignKeyInfo(List<String> columns, String referencedTable, List<String> referencedColumns,
                                 String onDelete, String onUpdate) {
        public ForeignKeyInfo {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }
    }

    public record ViewInfo(String name, String definition) {
    }

    public record TriggerInfo(String name, String table, String definition) {
    }
}
