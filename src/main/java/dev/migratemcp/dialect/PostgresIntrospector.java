package dev.migratemcp.dialect;

import dev.migratemcp.schema.Normalise;
import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.schema.SchemaSnapshot.ColumnInfo;
import dev.migratemcp.schema.SchemaSnapshot.ExtensionInfo;
import dev.migratemcp.schema.SchemaSnapshot.RoutineInfo;
import dev.migratemcp.schema.SchemaSnapshot.SequenceInfo;
import dev.migratemcp.schema.SchemaSnapshot.TypeInfo;
import dev.migratemcp.schema.SnapshotBuilder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's schema from pg_catalog: the current schema, plus the other schemas asked for: one query per kind of
 * object, whatever the number of schemas. Objects of the current schema are named as they are, those of the others
 * {@code schema.name}. Identity and serial columns are marked auto-increment and their sequence defaults left out,
 * since sequence names are an accident of history. Objects that belong to an extension are the extension's, not the
 * migrations', and left out; the extension itself is listed (name and version) when it is installed in a schema
 * covered.
 */
final class PostgresIntrospector implements SchemaIntrospector {

    /** The schema condition of the whole-table reads restricted to named tables: those are the current schema's. */
    private static final String OWN_SCHEMA = "n.nspname = current_schema()";

    private static String notFromExtension(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass AND e.objid = "
                + oid + " AND e.deptype = 'e')";
    }

    @Override
    public SchemaSnapshot snapshot(Connection c, Set<String> excludedTables) throws SQLException {
        return snapshot(c, excludedTables, Set.of());
    }

    @Override
    public SchemaSnapshot snapshot(Connection c, Set<String> excludedTables, Set<String> schemas) throws SQLException {
        SnapshotBuilder b = new SnapshotBuilder(excludedTables);
        String in = inSchemas(schemas);
        try (Statement s = c.createStatement()) {
            if (!schemas.isEmpty()) {
                try (ResultSet rs = s.executeQuery("SELECT n.nspname, ds.description FROM pg_namespace n "
                        + comment("pg_namespace", "n.oid", "0") + "WHERE " + in
                        + " AND n.nspname <> current_schema()")) {
                    while (rs.next()) {
                        b.schema(rs.getString(1), rs.getString(2));
                    }
                }
            }
            readTables(s, b, in, null);
            readColumns(s, b, in, null);
            readPrimaryKeys(s, b, in, null);
            readIndexes(s, b, in, null);
            readForeignKeys(s, b, in, null);
            readConstraints(s, b, in, null);
            readRoutines(s, b, in);
            readSequences(s, b, in);
            readTypes(s, b, in);
            readExtensions(s, b, in);
            // a materialized view's definition says so, so that one swapped for a plain view is a change
            try (ResultSet rs = s.executeQuery("SELECT " + qualified("c.relname") + ", pg_get_viewdef(c.oid, true), "
                    + "c.relkind = 'm', ds.description FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + comment("c.oid", "0") + "WHERE c.relkind IN ('v', 'm') AND " + in)) {
                while (rs.next()) {
                    b.view(rs.getString(1), (rs.getBoolean(3) ? SchemaSnapshot.MATERIALIZED : "") + rs.getString(2),
                            rs.getString(4));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT " + qualified("t.tgname") + ", " + qualified("c.relname")
                    // a trigger disabled (or firing only on replicas, or always) says so: its definition does not
                    + ", pg_get_triggerdef(t.oid, true) || CASE t.tgenabled WHEN 'D' THEN ' " + SchemaSnapshot.TRIGGER_DISABLED
                    + "' WHEN 'R' THEN ' ENABLE REPLICA' WHEN 'A' THEN ' ENABLE ALWAYS' ELSE '' END, ds.description "
                    + "FROM pg_trigger t JOIN pg_class c ON c.oid = "
                    + "t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace " + comment("pg_trigger", "t.oid", "0")
                    + "WHERE NOT t.tgisinternal AND " + in)) {
                while (rs.next()) {
                    b.trigger(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                }
            }
        }
        return b.build();
    }

    /** {@code n.nspname IN (current_schema(), 'a', ...)}: the schemas covered, as a condition on pg_namespace n. */
    static String inSchemas(Set<String> schemas) {
        StringBuilder sb = new StringBuilder("n.nspname IN (current_schema()");
        for (String schema : new java.util.TreeSet<>(schemas)) {
            sb.append(", ").append(literal(schema));
        }
        return sb.append(')').toString();
    }

    /** A string literal that means {@code value} whatever standard_conforming_strings says. */
    private static String literal(String value) {
        return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /**
     * A join to the comment of a table ({@code subId} 0) or column: a join rather than obj_description per row, so
     * that the comments of a large schema cost one pass over pg_description.
     */
    private static String comment(String oid, String subId) {
        return comment("pg_class", oid, subId);
    }

    /** As above, for an object of another catalog (pg_proc, pg_type). */
    private static String comment(String catalog, String oid, String subId) {
        return "LEFT JOIN pg_description ds ON ds.objoid = " + oid + " AND ds.classoid = '" + catalog
                + "'::regclass AND ds.objsubid = " + subId + " ";
    }

    /** The name of an object of schema n: bare in the current schema, {@code schema.name} in another. */
    private static String qualified(String name) {
        return "CASE WHEN n.nspname = current_schema() THEN " + name + " ELSE n.nspname || '.' || " + name + " END";
    }

    @Override
    public List<SchemaSnapshot.TableInfo> tables(Connection c, Set<String> excludedTables, Set<String> names)
            throws SQLException {
        SnapshotBuilder b = new SnapshotBuilder(excludedTables);
        try (Statement s = c.createStatement()) {
            readTables(s, b, OWN_SCHEMA, names);
            readColumns(s, b, OWN_SCHEMA, names);
            readPrimaryKeys(s, b, OWN_SCHEMA, names);
            readIndexes(s, b, OWN_SCHEMA, names);
            readForeignKeys(s, b, OWN_SCHEMA, names);
            readConstraints(s, b, OWN_SCHEMA, names);
        }
        return b.build().tables();
    }

    /**
     * Tables with their comments and partitioning: a partitioned table's key ({@code RANGE (at)}), a partition's
     * parent and bounds ({@code PARTITION OF parent FOR VALUES ...}).
     *
     * @param in   the schema condition ({@link #inSchemas})
     * @param only the tables to read, or null for all of them (so for each read below)
     */
    private static void readTables(Statement s, SnapshotBuilder b, String in, Set<String> only) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT " + qualified("c.relname") + ", ds.description, "
                + "CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, "
                + "CASE WHEN c.relispartition THEN 'PARTITION OF ' || (SELECT i.inhparent::regclass::text "
                + "FROM pg_inherits i WHERE i.inhrelid = c.oid) || ' ' || pg_get_expr(c.relpartbound, c.oid) END "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " + comment("c.oid", "0")
                + "WHERE c.relkind IN ('r', 'p') AND " + in + CatalogQueries.restrict("c.relname", only))) {
            while (rs.next()) {
                String table = rs.getString(1);
                b.table(table, true);
                b.tableComment(table, rs.getString(2));
                b.partitioning(table, rs.getString(3) != null ? rs.getString(3) : rs.getString(4));
            }
        }
    }

    private static void readColumns(Statement s, SnapshotBuilder b, String in, Set<String> only)
            throws SQLException {
        String sql = "SELECT " + qualified("c.relname") + ", a.attname, format_type(a.atttypid, a.atttypmod), "
                + "a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, "
                + "ds.description, q.seqstart, q.seqincrement, q.seqmin, q.seqmax, q.seqcache, q.seqcycle, "
                // a collation other than the type's own (COLLATE "C"); COLLATE "default" is the type's
                + "CASE WHEN a.attcollation <> ty.typcollation THEN co.collname END "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                + "JOIN pg_type ty ON ty.oid = a.atttypid LEFT JOIN pg_collation co ON co.oid = a.attcollation "
                + comment("c.oid", "a.attnum")
                + "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
                // an identity column's own sequence depends on it internally ('i'); a serial's is only owned ('a'),
                // and a column may own more than one (OWNED BY): the identity's, else the first, so one row a column
                + "LEFT JOIN LATERAL (SELECT q.* FROM pg_depend sd JOIN pg_sequence q ON q.seqrelid = sd.objid "
                + "WHERE sd.classid = 'pg_class'::regclass AND sd.refclassid = 'pg_class'::regclass "
                + "AND sd.refobjid = c.oid AND sd.refobjsubid = a.attnum AND sd.deptype IN ('i', 'a') "
                + "ORDER BY sd.deptype DESC, q.seqrelid LIMIT 1) q ON true "
                + "WHERE c.relkind IN ('r', 'p') AND " + in + CatalogQueries.restrict("c.relname", only)
                + " ORDER BY n.nspname, c.relname, a.attnum";
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String type = Normalise.type(rs.getString(3));
                String rawDefault = rs.getString(5);
                String identity = rs.getString(6);
                boolean auto = identity != null && !identity.isEmpty()
                        || rawDefault != null && rawDefault.startsWith("nextval(");
                // a generated column's expression is stored where a default would be
                boolean generated = "s".equals(rs.getString(7));
                b.column(rs.getString(1), new ColumnInfo(rs.getString(2), type, !rs.getBoolean(4),
                        auto || generated ? null : Normalise.defaultValue(rawDefault, type), auto,
                        generated ? Normalise.expression(rawDefault) + " STORED" : null, rs.getString(15), null,
                        null, rs.getString(8), identity(identity, rs)));
            }
        }
    }

    /**
     * The identity's generation and its sequence's options (columns 9 to 14); a serial column's own sequence's
     * options, without a generation; null for a column that owns no sequence.
     */
    private static SchemaSnapshot.IdentityInfo identity(String attidentity, ResultSet rs) throws SQLException {
        if (rs.getObject(9) == null) {
            return null;
        }
        String generation = attidentity == null || attidentity.isEmpty() ? null
                : attidentity.equals("a") ? "ALWAYS" : "BY DEFAULT";
        return new SchemaSnapshot.IdentityInfo(generation, rs.getLong(9),
                rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getBoolean(14));
    }

    private static void readPrimaryKeys(Statement s, SnapshotBuilder b, String in, Set<String> only)
            throws SQLException {
        String sql = "SELECT " + qualified("c.relname") + ", k.ord, a.attname, ds.description FROM pg_constraint con "
                + "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + comment("pg_constraint", "con.oid", "0") + "CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) "
                + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
                + "WHERE con.contype = 'p' AND " + in + CatalogQueries.restrict("c.relname", only);
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                b.primaryKeyColumn(rs.getString(1), rs.getInt(2), rs.getString(3));
                b.primaryKeyComment(rs.getString(1), rs.getString(4));
            }
        }
    }

    /**
     * Index columns through pg_get_indexdef per key position, which also spells out expressions but not the sort
     * order: bit 1 of indoption is DESC. The index of an exclusion constraint is the constraint's (see
     * {@link #readConstraints}), not listed here, so that dropping the constraint is one difference.
     */
    private static void readIndexes(Statement s, SnapshotBuilder b, String in, Set<String> only)
            throws SQLException {
        String sql = "SELECT " + qualified("t.relname") + ", i.relname, ix.indisunique, "
                + "pg_get_expr(ix.indpred, ix.indrelid), k.ord, "
                + "pg_get_indexdef(ix.indexrelid, k.ord::int, true), (ix.indoption[k.ord - 1] & 1) = 1, am.amname, "
                + "coalesce(uc.description, ds.description) "
                + "FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid "
                + "JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam "
                + comment("i.oid", "0")
                // a unique constraint's comment is on the constraint, not on its index (a foreign key names the
                // index it references in conindid too: only the constraint that is the index counts)
                + "LEFT JOIN (pg_constraint u JOIN pg_description uc ON uc.objoid = u.oid AND uc.classoid = "
                + "'pg_constraint'::regclass AND uc.objsubid = 0) ON u.conindid = ix.indexrelid AND u.conrelid = "
                + "ix.indrelid AND u.contype = 'u' "
                + "CROSS JOIN LATERAL generate_series(1, ix.indnkeyatts) AS k(ord) "
                + "WHERE NOT ix.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = "
                + "ix.indexrelid AND x.contype = 'x') AND " + in + CatalogQueries.restrict("t.relname", only);
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String where = rs.getString(4);
                b.indexColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        where == null ? null : Normalise.expression(where), rs.getString(8), rs.getInt(5),
                        Normalise.indexKey(rs.getString(6), rs.getBoolean(7)));
                b.indexComment(rs.getString(1), rs.getString(2), rs.getString(9));
            }
        }
    }

    /** A foreign key's target is named as it would be in the snapshot: bare in the current schema. */
    private static void readForeignKeys(Statement s, SnapshotBuilder b, String in, Set<String> only)
            throws SQLException {
        String sql = "SELECT " + qualified("c.relname") + ", con.conname, k.ord, a.attname, "
                + "CASE WHEN rn.nspname = current_schema() THEN rc.relname ELSE rn.nspname || '.' || rc.relname END, "
                + "ra.attname, con.confdeltype, con.confupdtype, ds.description FROM pg_constraint con "
                + "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + comment("pg_constraint", "con.oid", "0")
                + "JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace "
                + "CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, refnum, ord) "
                + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
                + "JOIN pg_attribute ra ON ra.attrelid = rc.oid AND ra.attnum = k.refnum "
                + "WHERE con.contype = 'f' AND " + in + CatalogQueries.restrict("c.relname", only);
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                b.foreignKeyColumn(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), action(rs.getString(7)), action(rs.getString(8)));
                b.foreignKeyComment(rs.getString(1), rs.getString(2), rs.getString(9));
            }
        }
    }

    /**
     * CHECK constraints of tables, the clause without its {@code CHECK} keyword like the other databases give it;
     * exclusion constraints, as {@code EXCLUDE USING gist (...)}. A partition's CHECKs inherited from its parent
     * are listed on both, as the database has them.
     */
    private static void readConstraints(Statement s, SnapshotBuilder b, String in, Set<String> only)
            throws SQLException {
        String sql = "SELECT " + qualified("c.relname") + ", con.conname, pg_get_constraintdef(con.oid, true), "
                + "con.contype, ds.description FROM pg_constraint con "
                + "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + comment("pg_constraint", "con.oid", "0") + "WHERE con.contype IN ('c', 'x') AND " + in + CatalogQueries.restrict("c.relname", only);
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                if (rs.getString(4).equals("x")) {
                    b.exclusion(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(5));
                } else {
                    b.check(rs.getString(1), rs.getString(2), rs.getString(3).replaceFirst("^CHECK ", ""),
                            rs.getString(5));
                }
            }
        }
    }

    /** Extensions installed in a schema covered (plpgsql and the like live in pg_catalog: every database has them). */
    private static void readExtensions(Statement s, SnapshotBuilder b, String in) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT e.extname, e.extversion FROM pg_extension e "
                + "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE " + in)) {
            while (rs.next()) {
                b.extension(new ExtensionInfo(rs.getString(1), rs.getString(2)));
            }
        }
    }

    /**
     * Functions and procedures, identified by name and argument types, with their options (volatility, STRICT,
     * SECURITY DEFINER, PARALLEL, SET) and comments. The body is {@code prosrc}, or for a SQL
     * function written with {@code BEGIN ATOMIC} (PostgreSQL 14 and later; its prosrc is empty) the deparsed body
     * alone: not {@code pg_get_functiondef}, whose header names the function's schema, so that the same function in
     * a schema of another name (a restore's copy, a rehearsal's scratch schema) hashes the same.
     */
    private static void readRoutines(Statement s, SnapshotBuilder b, String in) throws SQLException {
        String atomicBody = s.getConnection().getMetaData().getDatabaseMajorVersion() >= 14
                ? "pg_get_function_sqlbody(p.oid)" : "''";
        String sql = "SELECT " + qualified("p.proname") + " || '(' || pg_get_function_identity_arguments(p.oid) || ')', "
                + "p.prokind, "
                + "pg_get_function_result(p.oid), l.lanname, "
                + "CASE WHEN p.prosrc = '' THEN " + atomicBody + " ELSE p.prosrc END, "
                + "CASE p.provolatile WHEN 'i' THEN 'IMMUTABLE' WHEN 's' THEN 'STABLE' ELSE 'VOLATILE' END "
                + "|| CASE WHEN p.proisstrict THEN ' STRICT' ELSE '' END "
                + "|| CASE WHEN p.prosecdef THEN ' SECURITY DEFINER' ELSE '' END "
                + "|| CASE p.proparallel WHEN 's' THEN ' PARALLEL SAFE' WHEN 'r' THEN ' PARALLEL RESTRICTED' ELSE '' END "
                + "|| coalesce(' SET ' || array_to_string(p.proconfig, ' SET '), ''), ds.description "
                + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang "
                + comment("pg_proc", "p.oid", "0")
                + "WHERE p.prokind IN ('f', 'p') AND " + in + " AND " + notFromExtension("pg_proc", "p.oid");
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                b.routine(new RoutineInfo(rs.getString(1), "p".equals(rs.getString(2)) ? "procedure" : "function",
                        rs.getString(3), rs.getString(4), Normalise.bodyHash(rs.getString(5)), rs.getString(6),
                        rs.getString(7)));
            }
        }
    }

    /**
     * Sequences made on their own, with their comments; those owned by a serial or identity column go with the
     * column (see {@link #readColumns}).
     */
    private static void readSequences(Statement s, SnapshotBuilder b, String in) throws SQLException {
        String sql = "SELECT " + qualified("c.relname") + ", format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, q.seqmin, "
                + "q.seqmax, q.seqcache, q.seqcycle, ds.description FROM pg_sequence q JOIN pg_class c ON c.oid = "
                + "q.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace " + comment("c.oid", "0") + "WHERE " + in + " AND "
                + notFromExtension("pg_class", "c.oid") + " AND NOT EXISTS (SELECT 1 FROM pg_depend o "
                + "WHERE o.classid = 'pg_class'::regclass AND o.objid = c.oid AND o.refobjsubid > 0 "
                + "AND o.deptype IN ('a', 'i'))";
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                b.sequence(new SequenceInfo(rs.getString(1), Normalise.type(rs.getString(2)), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getBoolean(8),
                        rs.getString(9)));
            }
        }
    }

    /**
     * Enums (labels in their order), domains (base type, NOT NULL, default, constraints by name) and composite types
     * (attributes in order), each with its comment; the row types of tables and the array types are the tables' and
     * elements' own.
     */
    private static void readTypes(Statement s, SnapshotBuilder b, String in) throws SQLException {
        String sql = "SELECT " + qualified("t.typname") + ", t.typtype, "
                + "(SELECT coalesce(string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder), '') "
                + "FROM pg_enum e WHERE e.enumtypid = t.oid), "
                + "format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault, "
                + "(SELECT string_agg('CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid, "
                + "true), ' ' ORDER BY k.conname) FROM pg_constraint k WHERE k.contypid = t.oid), "
                + "(SELECT coalesce(string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), "
                + "', ' ORDER BY a.attnum), '') FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 "
                + "AND NOT a.attisdropped), ds.description "
                + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace " + comment("pg_type", "t.oid", "0")
                + "LEFT JOIN pg_class r ON r.oid = t.typrelid "
                + "WHERE (t.typtype IN ('e', 'd') OR t.typtype = 'c' AND r.relkind = 'c') AND " + in + " AND "
                + notFromExtension("pg_type", "t.oid");
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String name = rs.getString(1);
                switch (rs.getString(2)) {
                    case "e" -> b.type(new TypeInfo(name, "enum", "(" + rs.getString(3) + ")", rs.getString(9)));
                    case "d" -> {
                        String base = Normalise.type(rs.getString(4));
                        String defaultValue = Normalise.defaultValue(rs.getString(6), base);
                        b.type(new TypeInfo(name, "domain", base + (rs.getBoolean(5) ? " NOT NULL" : "")
                                + (defaultValue == null ? "" : " DEFAULT " + defaultValue)
                                + (rs.getString(7) == null ? "" : " " + rs.getString(7)), rs.getString(9)));
                    }
                    default -> b.type(new TypeInfo(name, "composite", "(" + rs.getString(8) + ")",
                            rs.getString(9)));
                }
            }
        }
    }

    private static String action(String code) {
        return switch (code) {
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            case "r" -> "RESTRICT";
            default -> "NO ACTION";
        };
    }

    @Override
    public String ownSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
