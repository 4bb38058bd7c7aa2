package dev.migratemcp.schema;

import java.util.List;

/**
 * What a database's schema looks like at one moment: every user table (the history table left out), view, trigger,
 * routine, sequence and user-defined type, sorted by name so that two snapshots of the same schema are equal and
 * serialise to the same JSON.
 *
 * <p>{@code format} says which attributes the snapshot carries. Snapshots recorded before it existed read as format 1
 * (tables with columns, keys, indexes and foreign keys; views; triggers) and are compared on those attributes only
 * (see {@link SchemaDiff}), so an upgrade does not make every recorded database report drift; format 2 adds CHECK
 * constraints, generated expressions, collation, character set and ON UPDATE of columns, routines, sequences and
 * types; format 3 adds the other schemas covered (PostgreSQL), extensions, comments, partitioning, exclusion
 * constraints, index methods, SQLite's CHECK constraints and MySQL's routines; format 4 the routines' options; format 5 marks materialized
 * views ({@link #MATERIALIZED}); format 6 adds identity columns' sequence options; format 7 the comments of
 * views, routines and types; from format 8 on, SQLite's auto-numbered column is the rowid alias exactly
 * ({@code INTEGER PRIMARY KEY} in a table with a rowid, not {@code INT PRIMARY KEY}); format 9 adds the options of
 * serial columns' own sequences, the comments of sequences, triggers, CHECK and exclusion constraints, SQLite's
 * AUTOINCREMENT keyword and the nullability of SQLite's primary-key columns as SQLite enforces it; format 10 names
 * SQLite's expression index keys by their expression ({@code lower(name)}, was {@code (expression -2)}); format 11
 * adds the comments of indexes and of primary-key, unique and foreign-key constraints (PostgreSQL; MySQL's index
 * comments); format 12 the comments of the other schemas covered; format 13 MariaDB's sequences; format 14
 * PostgreSQL columns' collations other than their type's; format 15 PostgreSQL triggers' firing state (a trigger's
 * definition ends with {@link #TRIGGER_DISABLED}, {@code ENABLE REPLICA} or {@code ENABLE ALWAYS} when not the
 * default).
 *
 * <p>Objects of the connection's own schema are named as they are; objects of the other schemas covered
 * ({@code schemas}, PostgreSQL only) are named {@code schema.name}, so that the same schema restored or rehearsed
 * under another name of its own compares equal. {@code schemaComments} are the comments of those other schemas, by
 * schema (format 12 on); the own schema's is left out, since a migration can only name it by a name that a scratch
 * rehearsal or a restore under another name does not have.
 */
public record SchemaSnapshot(Integer format, List<TableInfo> tables, List<ViewInfo> views, List<TriggerInfo> triggers,
                             List<RoutineInfo> routines, List<SequenceInfo> sequences, List<TypeInfo> types,
                             List<String> schemas, List<ExtensionInfo> extensions,
                             java.util.Map<String, String> schemaComments) {

    /** The format this version writes. */
    public static final int CURRENT_FORMAT = 15;

    /** What a disabled PostgreSQL trigger's definition ends with (from format 15 on). */
    public static final String TRIGGER_DISABLED = "DISABLED";

    /** What a materialized view's definition starts with (from format 5 on). */
    public static final String MATERIALIZED = "MATERIALIZED ";

    public SchemaSnapshot {
        format = format == null ? 1 : format;
        tables = List.copyOf(tables);
        views = List.copyOf(views);
        triggers = List.copyOf(triggers);
        routines = routines == null ? List.of() : List.copyOf(routines);
        sequences = sequences == null ? List.of() : List.copyOf(sequences);
        types = types == null ? List.of() : List.copyOf(types);
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
        schemaComments = schemaComments == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(schemaComments));
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }

    /** A snapshot without other schemas or extensions (SQLite, MySQL, and formats before 3). */
    public SchemaSnapshot(Integer format, List<TableInfo> tables, List<ViewInfo> views, List<TriggerInfo> triggers,
                          List<RoutineInfo> routines, List<SequenceInfo> sequences, List<TypeInfo> types) {
        this(format, tables, views, triggers, routines, sequences, types, List.of(), List.of());
    }

    /** A snapshot without schema comments (formats before 12, SQLite, MySQL). */
    public SchemaSnapshot(Integer format, List<TableInfo> tables, List<ViewInfo> views, List<TriggerInfo> triggers,
                          List<RoutineInfo> routines, List<SequenceInfo> sequences, List<TypeInfo> types,
                          List<String> schemas, List<ExtensionInfo> extensions) {
        this(format, tables, views, triggers, routines, sequences, types, schemas, extensions, java.util.Map.of());
    }

    /** The schema of the current format that holds nothing: what a database no migration was applied to should have. */
    public static SchemaSnapshot empty() {
        return new SchemaSnapshot(CURRENT_FORMAT, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /**
     * A snapshot of tables, views and triggers only, as format 1 had them: it says nothing of routines, sequences,
     * types and the newer table attributes, so it is compared without them (what a delta chain an older release
     * stored resolves to).
     */
    public SchemaSnapshot(List<TableInfo> tables, List<ViewInfo> views, List<TriggerInfo> triggers) {
        this(1, tables, views, triggers, List.of(), List.of(), List.of());
    }

    /**
     * Only the objects of one schema: with {@code own}, the connection's own (those named bare, and the extensions);
     * else the other schema named (objects named {@code schema.name}); empty when there is no such schema.
     */
    public SchemaSnapshot onlySchema(String schema, boolean own) {
        java.util.function.Predicate<String> in = own ? n -> schemas.stream().noneMatch(s -> n.startsWith(s + "."))
                : n -> n.startsWith(schema + ".");
        return new SchemaSnapshot(format, tables.stream().filter(t -> in.test(t.name())).toList(),
                views.stream().filter(v -> in.test(v.name())).toList(),
                triggers.stream().filter(t -> in.test(t.table())).toList(),
                routines.stream().filter(r -> in.test(r.signature())).toList(),
                sequences.stream().filter(q -> in.test(q.name())).toList(),
                types.stream().filter(t -> in.test(t.name())).toList(),
                own ? List.of() : schemas.stream().filter(schema::equals).toList(), own ? extensions : List.of(),
                own || !schemaComments.containsKey(schema) ? java.util.Map.of()
                        : java.util.Map.of(schema, schemaComments.get(schema)));
    }

    /**
     * Only the object named (case-insensitively; {@code schema.name} in another schema): a table with its triggers,
     * a view, a routine by signature or by name (then every overload), a sequence, a type, a trigger or an
     * extension. Empty when nothing has that name.
     */
    public SchemaSnapshot onlyObject(String name) {
        java.util.function.Predicate<String> is = name::equalsIgnoreCase;
        List<TableInfo> table = tables.stream().filter(t -> is.test(t.name())).toList();
        return new SchemaSnapshot(format, table, views.stream().filter(v -> is.test(v.name())).toList(),
                triggers.stream().filter(t -> is.test(t.name()) || !table.isEmpty() && is.test(t.table())).toList(),
                routines.stream().filter(r -> is.test(r.signature())
                        || is.test(r.signature().substring(0, r.signature().indexOf('(')))).toList(),
                sequences.stream().filter(q -> is.test(q.name())).toList(),
                types.stream().filter(t -> is.test(t.name())).toList(), List.of(),
                extensions.stream().filter(e -> is.test(e.name())).toList());
    }

    /** Whether the snapshot holds no object at all. */
    public boolean holdsNothing() {
        return tables.isEmpty() && views.isEmpty() && triggers.isEmpty() && routines.isEmpty() && sequences.isEmpty()
                && types.isEmpty() && schemas.isEmpty() && extensions.isEmpty();
    }

    /**
     * The same snapshot without the objects of the schemas named (those named {@code schema.name}), nor those schemas
     * in its list: what a diff compares once a whole schema is reported missing or extra, or what a snapshot that did
     * not cover other schemas (format 1 and 2) is compared with.
     */
    public SchemaSnapshot withoutSchemas(java.util.Collection<String> names) {
        if (names.isEmpty()) {
            return this;
        }
        java.util.function.Predicate<String> kept = n -> names.stream().noneMatch(s -> n.startsWith(s + "."));
        return new SchemaSnapshot(format, tables.stream().filter(t -> kept.test(t.name())).toList(),
                views.stream().filter(v -> kept.test(v.name())).toList(),
                triggers.stream().filter(t -> kept.test(t.table())).toList(),
                routines.stream().filter(r -> kept.test(r.signature())).toList(),
                sequences.stream().filter(q -> kept.test(q.name())).toList(),
                types.stream().filter(t -> kept.test(t.name())).toList(),
                schemas.stream().filter(s -> !names.contains(s)).toList(), extensions,
                schemaComments.entrySet().stream().filter(e -> !names.contains(e.getKey())).collect(
                        java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)));
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
        return new SchemaSnapshot(format, tables.stream().filter(t -> t.name().equalsIgnoreCase(table)).toList(),
                List.of(), triggers.stream().filter(t -> t.table().equalsIgnoreCase(table)).toList(), List.of(),
                List.of(), List.of(), List.of(), List.of());
    }

    /**
     * {@code checks} are the table's CHECK constraints (absent in format 1: read as none), {@code exclusions} its
     * exclusion constraints (PostgreSQL); {@code comment} its comment; {@code partitioning} how it is partitioned
     * (PostgreSQL: {@code RANGE (at)} for a partitioned table, {@code PARTITION OF parent FOR VALUES ...} for a
     * partition; MySQL: the method, expression and partitions), null when it is not; {@code primaryKeyComment} the
     * comment of its primary-key constraint (PostgreSQL, format 11 on), null when it has none.
     */
    public record TableInfo(String name, List<ColumnInfo> columns, List<String> primaryKey, List<IndexInfo> indexes,
                            List<ForeignKeyInfo> foreignKeys, List<CheckInfo> checks, List<CheckInfo> exclusions,
                            String comment, String partitioning, String primaryKeyComment) {
        public TableInfo {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            indexes = List.copyOf(indexes);
            foreignKeys = List.copyOf(foreignKeys);
            checks = checks == null ? List.of() : List.copyOf(checks);
            exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
        }

        public TableInfo(String name, List<ColumnInfo> columns, List<String> primaryKey, List<IndexInfo> indexes,
                         List<ForeignKeyInfo> foreignKeys, List<CheckInfo> checks, List<CheckInfo> exclusions,
                         String comment, String partitioning) {
            this(name, columns, primaryKey, indexes, foreignKeys, checks, exclusions, comment, partitioning, null);
        }

        public TableInfo(String name, List<ColumnInfo> columns, List<String> primaryKey, List<IndexInfo> indexes,
                         List<ForeignKeyInfo> foreignKeys, List<CheckInfo> checks) {
            this(name, columns, primaryKey, indexes, foreignKeys, checks, List.of(), null, null);
        }

        public TableInfo(String name, List<ColumnInfo> columns, List<String> primaryKey, List<IndexInfo> indexes,
                         List<ForeignKeyInfo> foreignKeys) {
            this(name, columns, primaryKey, indexes, foreignKeys, List.of());
        }
    }

    /**
     * {@code type} is normalised (lower case, one spelling per type); {@code defaultValue} may be null;
     * {@code autoIncrement} is true for columns the database numbers itself (identity, serial, AUTO_INCREMENT, SQLite's
     * rowid alias: INTEGER PRIMARY KEY in a table with a rowid, not INT PRIMARY KEY), whose sequence-backed default is
     * then left out. {@code generated} is the normalised expression of a generated column followed by {@code STORED}
     * or {@code VIRTUAL}; {@code collation} and {@code charset} are MySQL's (PostgreSQL's collation when it is not
     * the type's own, from format 14 on); {@code onUpdate} is MySQL's
     * {@code ON UPDATE} clause. Each of these is null when the column has none; so is {@code comment} (PostgreSQL,
     * MySQL), and {@code identity}, a PostgreSQL identity column's generation and sequence options (format 6 on),
     * or a serial column's own sequence's options (format 9 on). {@code autoincrementKeyword} is SQLite's
     * {@code AUTOINCREMENT} on the rowid alias (format 9 on), which keeps rowids from being reused.
     */
    public record ColumnInfo(String name, String type, boolean nullable, String defaultValue, boolean autoIncrement,
                             String generated, String collation, String charset, String onUpdate, String comment,
                             IdentityInfo identity, Boolean autoincrementKeyword) {

        /** A record of format 8 and before has no {@code autoincrement_keyword}: read as false. */
        public ColumnInfo {
            autoincrementKeyword = autoincrementKeyword != null && autoincrementKeyword;
        }

        public ColumnInfo(String name, String type, boolean nullable, String defaultValue, boolean autoIncrement,
                          String generated, String collation, String charset, String onUpdate, String comment,
                          IdentityInfo identity) {
            this(name, type, nullable, defaultValue, autoIncrement, generated, collation, charset, onUpdate, comment,
                    identity, false);
        }

        public ColumnInfo(String name, String type, boolean nullable, String defaultValue, boolean autoIncrement,
                          String generated, String collation, String charset, String onUpdate, String comment) {
            this(name, type, nullable, defaultValue, autoIncrement, generated, collation, charset, onUpdate, comment,
                    null);
        }

        public ColumnInfo(String name, String type, boolean nullable, String defaultValue, boolean autoIncrement,
                          String generated, String collation, String charset, String onUpdate) {
            this(name, type, nullable, defaultValue, autoIncrement, generated, collation, charset, onUpdate, null);
        }

        public ColumnInfo(String name, String type, boolean nullable, String defaultValue, boolean autoIncrement) {
            this(name, type, nullable, defaultValue, autoIncrement, null, null, null, null);
        }
    }

    /**
     * A PostgreSQL identity column's generation ({@code ALWAYS} or {@code BY DEFAULT}) and its sequence's options,
     * which {@code ALTER TABLE ... ALTER COLUMN ... SET INCREMENT BY ...} and the like change; for a serial column
     * (a sequence the column owns, format 9 on) {@code generation} is null and the options are its sequence's, which
     * {@code ALTER SEQUENCE} changes.
     */
    public record IdentityInfo(String generation, long start, long increment, long min, long max, long cache,
                               boolean cycle) {
    }

    /**
     * {@code where} is the predicate of a partial index, or null; {@code method} the access method when it is not
     * the database's default B-tree ({@code gin}, {@code gist}, {@code hash}, {@code fulltext}...), else null;
     * {@code comment} the index's comment, or for a unique constraint's index the constraint's (format 11 on).
     */
    public record IndexInfo(String name, List<String> columns, boolean unique, String where, String method,
                            String comment) {
        public IndexInfo {
            columns = List.copyOf(columns);
        }

        public IndexInfo(String name, List<String> columns, boolean unique, String where, String method) {
            this(name, columns, unique, where, method, null);
        }

        public IndexInfo(String name, List<String> columns, boolean unique, String where) {
            this(name, columns, unique, where, null);
        }
    }

    /** A foreign key; {@code comment} its constraint's comment (PostgreSQL, format 11 on), null when it has none. */
    public record ForeignKeyInfo(List<String> columns, String referencedTable, List<String> referencedColumns,
                                 String onDelete, String onUpdate, String comment) {
        public ForeignKeyInfo {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }

        public ForeignKeyInfo(List<String> columns, String referencedTable, List<String> referencedColumns,
                              String onDelete, String onUpdate) {
            this(columns, referencedTable, referencedColumns, onDelete, onUpdate, null);
        }
    }

    /** A CHECK (or exclusion) constraint with its normalised clause and its comment (format 9 on), or null. */
    public record CheckInfo(String name, String clause, String comment) {

        public CheckInfo(String name, String clause) {
            this(name, clause, null);
        }
    }

    /** A view; {@code comment} is its comment (PostgreSQL), null when it has none (from format 7 on). */
    public record ViewInfo(String name, String definition, String comment) {

        public ViewInfo(String name, String definition) {
            this(name, definition, null);
        }
    }

    /** A trigger; {@code comment} is its comment (PostgreSQL), null when it has none (from format 9 on). */
    public record TriggerInfo(String name, String table, String definition, String comment) {

        public TriggerInfo(String name, String table, String definition) {
            this(name, table, definition, null);
        }
    }

    /**
     * A function or procedure. {@code signature} is its name with its argument types, which together identify it;
     * {@code bodyHash} is the SHA-256 of its body with white space collapsed, so that the snapshot stays small while a
     * body replaced by hand still shows. {@code options} are what else decides how it runs and with whose rights
     * (PostgreSQL: volatility, STRICT, SECURITY DEFINER, PARALLEL, SET; MySQL: DETERMINISTIC, data access, SQL
     * SECURITY), from format 4 on; {@code comment} its comment, null when it has none, from format 7 on.
     */
    public record RoutineInfo(String signature, String kind, String returns, String language, String bodyHash,
                              String options, String comment) {

        /** A routine as format 3 and before recorded it, without its options. */
        public RoutineInfo(String signature, String kind, String returns, String language, String bodyHash) {
            this(signature, kind, returns, language, bodyHash, null);
        }

        /** A routine as format 4 to 6 recorded it, without its comment. */
        public RoutineInfo(String signature, String kind, String returns, String language, String bodyHash,
                           String options) {
            this(signature, kind, returns, language, bodyHash, options, null);
        }
    }

    /**
     * A sequence that is not a column's own (those of serial and identity columns go with the column, since their
     * names are an accident of history); {@code comment} its comment, null when it has none (from format 9 on).
     */
    public record SequenceInfo(String name, String type, long start, long increment, long min, long max, long cache,
                               boolean cycle, String comment) {

        public SequenceInfo(String name, String type, long start, long increment, long min, long max, long cache,
                            boolean cycle) {
            this(name, type, start, increment, min, max, cache, cycle, null);
        }
    }

    /**
     * A user-defined type: {@code kind} enum, domain or composite; {@code definition} its labels in order, its base
     * type with NOT NULL, DEFAULT and constraints, or its attributes; {@code comment} its comment, null when it
     * has none (from format 7 on).
     */
    public record TypeInfo(String name, String kind, String definition, String comment) {

        public TypeInfo(String name, String kind, String definition) {
            this(name, kind, definition, null);
        }
    }

    /** A PostgreSQL extension installed in a schema covered, with its version. */
    public record ExtensionInfo(String name, String version) {
    }
}
