package dev.migratemcp.schema;

import dev.migratemcp.schema.SchemaSnapshot.CheckInfo;
import dev.migratemcp.schema.SchemaSnapshot.ColumnInfo;
import dev.migratemcp.schema.SchemaSnapshot.ExtensionInfo;
import dev.migratemcp.schema.SchemaSnapshot.ForeignKeyInfo;
import dev.migratemcp.schema.SchemaSnapshot.IndexInfo;
import dev.migratemcp.schema.SchemaSnapshot.RoutineInfo;
import dev.migratemcp.schema.SchemaSnapshot.SequenceInfo;
import dev.migratemcp.schema.SchemaSnapshot.TableInfo;
import dev.migratemcp.schema.SchemaSnapshot.TriggerInfo;
import dev.migratemcp.schema.SchemaSnapshot.TypeInfo;
import dev.migratemcp.schema.SchemaSnapshot.ViewInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Collects the rows of catalog queries (one query per kind of object, rows in any order within a table) and builds a
 * snapshot sorted so that the same schema always gives an equal snapshot.
 */
public final class SnapshotBuilder {

    private final Set<String> excluded;
    private final Map<String, Table> tables = new TreeMap<>();
    private final List<ViewInfo> views = new ArrayList<>();
    private final List<TriggerInfo> triggers = new ArrayList<>();
    private final List<RoutineInfo> routines = new ArrayList<>();
    private final List<SequenceInfo> sequences = new ArrayList<>();
    private final List<TypeInfo> types = new ArrayList<>();
    private final List<ExtensionInfo> extensions = new ArrayList<>();
    private final java.util.SortedSet<String> schemas = new java.util.TreeSet<>();
    private final Map<String, String> schemaComments = new TreeMap<>();

    /** @param excludedTables lower-cased names of tables to leave out */
    public SnapshotBuilder(Set<String> excludedTables) {
        this.excluded = excludedTables.stream().map(t -> t.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toSet());
    }

    public boolean excluded(String table) {
        return excluded.contains(table.toLowerCase(Locale.ROOT));
    }

    private Table table(String name) {
        return tables.computeIfAbsent(name, Table::new);
    }

    /** Declares a table, so that one without columns (possible in PostgreSQL) still appears. */
    public void table(String name, boolean declare) {
        if (declare && !excluded(name)) {
            table(name);
        }
    }

    /** Adds a column; columns must be added in ordinal order per table. */
    public void column(String table, ColumnInfo column) {
        if (!excluded(table)) {
            table(table).columns.add(column);
        }
    }

    /** Adds the primary key's next column, with its 1-based position in the key. */
    public void primaryKeyColumn(String table, int position, String column) {
        if (!excluded(table)) {
            table(table).primaryKey.put(position, column);
        }
    }

    /** Adds one column (or expression) of a B-tree index, with its 1-based position. */
    public void indexColumn(String table, String index, boolean unique, String where, int position, String column) {
        indexColumn(table, index, unique, where, null, position, column);
    }

    /** As above, for an index of another access method ({@code method} lower-cased; null or btree: the default). */
    public void indexColumn(String table, String index, boolean unique, String where, String method, int position,
                            String column) {
        if (excluded(table)) {
            return;
        }
        String m = method == null || method.equalsIgnoreCase("btree") ? null : method.toLowerCase(Locale.ROOT);
        Index ix = table(table).indexes.computeIfAbsent(index, n -> new Index(unique, where, m));
        ix.columns.put(position, column);
    }

    /** Sets the comment of an index (or of the unique constraint it is); an empty one is none. */
    public void indexComment(String table, String index, String comment) {
        if (!excluded(table) && orNull(comment) != null) {
            Index ix = table(table).indexes.get(index);
            if (ix != null) {
                ix.comment = comment;
            }
        }
    }

    /** Sets the comment of a foreign key, by the key that groups its pairs; an empty one is none. */
    public void foreignKeyComment(String table, String key, String comment) {
        if (!excluded(table) && orNull(comment) != null) {
            ForeignKey fk = table(table).foreignKeys.get(key);
            if (fk != null) {
                fk.comment = comment;
            }
        }
    }

    /** Sets the comment of a table's primary-key constraint; an empty one is none. */
    public void primaryKeyComment(String table, String comment) {
        if (!excluded(table) && orNull(comment) != null) {
            table(table).primaryKeyComment = comment;
        }
    }

    /** Adds an exclusion constraint (PostgreSQL) with its normalised definition and its comment, or null. */
    public void exclusion(String table, String name, String definition, String comment) {
        if (!excluded(table)) {
            table(table).exclusions.add(new CheckInfo(name, Normalise.definition(definition), orNull(comment)));
        }
    }

    /** A comment as the snapshot holds it: an empty one is none. */
    private static String orNull(String comment) {
        return comment == null || comment.isEmpty() ? null : comment;
    }

    /** Sets a table's comment (an empty one is none). */
    public void tableComment(String table, String comment) {
        if (!excluded(table) && comment != null && !comment.isEmpty()) {
            table(table).comment = comment;
        }
    }

    /** Sets how a table is partitioned, or which partition it is. */
    public void partitioning(String table, String partitioning) {
        if (!excluded(table) && partitioning != null) {
            table(table).partitioning = Normalise.definition(partitioning);
        }
    }

    /** Records that a schema other than the connection's own is covered and exists. */
    public void schema(String name) {
        schema(name, null);
    }

    /** As above, with the schema's comment (an empty one is none). */
    public void schema(String name, String comment) {
        schemas.add(name);
        if (orNull(comment) != null) {
            schemaComments.put(name, comment);
        }
    }

    public void extension(ExtensionInfo extension) {
        extensions.add(extension);
    }

    /** Adds one column pair of a foreign key; {@code key} groups the pairs of one constraint. */
    public void foreignKeyColumn(String table, String key, int position, String column, String referencedTable,
                                 String referencedColumn, String onDelete, String onUpdate) {
        if (excluded(table)) {
            return;
        }
        ForeignKey fk = table(table).foreignKeys.computeIfAbsent(key,
                k -> new ForeignKey(referencedTable, onDelete, onUpdate));
        fk.columns.put(position, column);
        fk.referenced.put(position, referencedColumn);
    }

    /** Adds a CHECK constraint; its clause is normalised here. */
    public void check(String table, String name, String clause) {
        check(table, name, clause, null);
    }

    /** Adds a CHECK constraint with its comment (PostgreSQL), or null. */
    public void check(String table, String name, String clause, String comment) {
        if (!excluded(table)) {
            table(table).checks.add(new CheckInfo(name, Normalise.expression(clause), orNull(comment)));
        }
    }

    public void routine(RoutineInfo routine) {
        routines.add(routine);
    }

    public void sequence(SequenceInfo sequence) {
        sequences.add(sequence);
    }

    public void type(TypeInfo type) {
        types.add(type);
    }

    public void view(String name, String definition) {
        view(name, definition, null);
    }

    /** Adds a view with its comment (an empty one is none). */
    public void view(String name, String definition, String comment) {
        views.add(new ViewInfo(name, Normalise.definition(definition), orNull(comment)));
    }

    public void trigger(String name, String table, String definition) {
        trigger(name, table, definition, null);
    }

    /** Adds a trigger with its comment (PostgreSQL), or null. */
    public void trigger(String name, String table, String definition, String comment) {
        if (!excluded(table)) {
            triggers.add(new TriggerInfo(name, table, Normalise.definition(definition), orNull(comment)));
        }
    }

    /** Columns recorded so far for a table (for resolving SQLite's implicit foreign key targets). */
    public List<String> primaryKeyOf(String table) {
        Table t = tables.get(table);
        return t == null ? List.of() : List.copyOf(t.primaryKey.values());
    }

    public SchemaSnapshot build() {
        List<TableInfo> out = new ArrayList<>();
        for (Table t : tables.values()) {
            List<IndexInfo> indexes = new ArrayList<>();
            t.indexes.forEach((name, ix) -> indexes.add(new IndexInfo(name, List.copyOf(ix.columns.values()),
                    ix.unique, ix.where, ix.method, ix.comment)));
            indexes.sort(Comparator.comparing(IndexInfo::name));
            List<ForeignKeyInfo> fks = new ArrayList<>();
            for (ForeignKey fk : t.foreignKeys.values()) {
                fks.add(new ForeignKeyInfo(List.copyOf(fk.columns.values()), fk.referencedTable,
                        List.copyOf(fk.referenced.values()), fk.onDelete, fk.onUpdate, fk.comment));
            }
            fks.sort(Comparator.comparing((ForeignKeyInfo f) -> String.join(",", f.columns()))
                    .thenComparing(ForeignKeyInfo::referencedTable)
                    .thenComparing(f -> String.join(",", f.referencedColumns())));
            t.checks.sort(Comparator.comparing(CheckInfo::name));
            t.exclusions.sort(Comparator.comparing(CheckInfo::name));
            out.add(new TableInfo(t.name, t.columns, List.copyOf(t.primaryKey.values()), indexes, fks, t.checks,
                    t.exclusions, t.comment, t.partitioning, t.primaryKeyComment));
        }
        views.sort(Comparator.comparing(ViewInfo::name));
        triggers.sort(Comparator.comparing(TriggerInfo::name).thenComparing(TriggerInfo::table));
        routines.sort(Comparator.comparing(RoutineInfo::signature));
        sequences.sort(Comparator.comparing(SequenceInfo::name));
        types.sort(Comparator.comparing(TypeInfo::name));
        extensions.sort(Comparator.comparing(ExtensionInfo::name));
        return new SchemaSnapshot(SchemaSnapshot.CURRENT_FORMAT, out, views, triggers, routines, sequences, types,
                List.copyOf(schemas), extensions, schemaComments);
    }

    private static final class Table {
        final String name;
        final List<ColumnInfo> columns = new ArrayList<>();
        final Map<Integer, String> primaryKey = new TreeMap<>();
        final Map<String, Index> indexes = new LinkedHashMap<>();
        final Map<String, ForeignKey> foreignKeys = new LinkedHashMap<>();
        final List<CheckInfo> checks = new ArrayList<>();
        final List<CheckInfo> exclusions = new ArrayList<>();
        String comment;
        String partitioning;
        String primaryKeyComment;

        Table(String name) {
            this.name = name;
        }
    }

    private static final class Index {
        final boolean unique;
        final String where;
        final String method;
        final Map<Integer, String> columns = new TreeMap<>();
        String comment;

        Index(boolean unique, String where, String method) {
            this.unique = unique;
            this.where = where;
            this.method = method;
        }
    }

    private static final class ForeignKey {
        final String referencedTable;
        final String onDelete;
        final String onUpdate;
        final Map<Integer, String> columns = new TreeMap<>();
        final Map<Integer, String> referenced = new TreeMap<>();
        String comment;

        ForeignKey(String referencedTable, String onDelete, String onUpdate) {
            this.referencedTable = referencedTable;
            this.onDelete = onDelete;
            this.onUpdate = onUpdate;
        }
    }
}
