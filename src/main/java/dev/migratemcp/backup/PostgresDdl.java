package dev.migratemcp.backup;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.migratemcp.backup.CatalogRows.list;
import static dev.migratemcp.backup.CatalogRows.rows;
import static dev.migratemcp.backup.CatalogRows.scalar;

/**
 * The DDL of one PostgreSQL schema, read from the catalog and the server's own deparsers, for the builtin dump. Every
 * name is written unqualified (the deparsers' schema prefixes are taken off), so the statements replay into whatever
 * schema is first on the search path: the original, or a staging schema swapped in later. Objects that belong to an
 * extension are left to the extension.
 */
final class PostgresDdl {

    /** Holds for an object (given its catalog and oid) that no extension owns. */
    private static final String NOT_EXTENSION = "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = "
            + "'%s'::regclass AND e.objid = %s AND e.deptype = 'e')";
    private static final String IN_SCHEMA = " = current_schema()::regnamespace";
    /** A collation clause when the column's (or attribute's) collation is not its type's. */
    private static final String COLLATE = "COALESCE((SELECT ' COLLATE ' || quote_ident(cn.nspname) || '.' || "
            + "quote_ident(co.collname) FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE "
            + "co.oid = %1$s.attcollation AND %1$s.attcollation <> (SELECT typcollation FROM pg_type WHERE oid = "
            + "%1$s.atttypid)), '')";

    private final Connection c;
    private final String schema;

    /**
     * Must run inside the dump's transaction: the search path is set to the schema alone for the rest of it, so the
     * deparsers qualify exactly the names that live elsewhere.
     */
    PostgresDdl(Connection c) throws SQLException {
        this.c = c;
        this.schema = scalar(c, "SELECT quote_ident(current_schema())");
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL search_path TO " + schema);
            // shortest exact float text, and interval text in the format every input style reads
            s.execute("SET LOCAL extra_float_digits = 3");
            s.execute("SET LOCAL intervalstyle = 'postgres'");
            s.execute("SET LOCAL datestyle = 'ISO, YMD'");
        }
    }

    private static String notExtension(String catalog, String oid) {
        return String.format(NOT_EXTENSION, catalog, oid);
    }

    /** What this dump cannot carry; a builtin backup of a schema holding any of it is refused. */
    List<String> unsupported() throws SQLException {
        return list(c, "SELECT 'aggregate or window function ' || p.proname FROM pg_proc p WHERE p.pronamespace"
                + IN_SCHEMA + " AND p.prokind IN ('a', 'w') AND " + notExtension("pg_proc", "p.oid")
                + " UNION ALL SELECT 'operator ' || o.oprname FROM pg_operator o WHERE o.oprnamespace" + IN_SCHEMA
                + " AND " + notExtension("pg_operator", "o.oid")
                + " UNION ALL SELECT 'rule ' || r.rulename || ' on ' || t.relname FROM pg_rewrite r JOIN pg_class t ON "
                + "t.oid = r.ev_class WHERE t.relnamespace" + IN_SCHEMA + " AND r.rulename <> '_RETURN'"
                + " UNION ALL SELECT 'row-level security on ' || t.relname FROM pg_class t WHERE t.relnamespace"
                + IN_SCHEMA + " AND (t.relrowsecurity OR EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = t.oid))"
                + " UNION ALL SELECT 'foreign table ' || t.relname FROM pg_class t WHERE t.relnamespace" + IN_SCHEMA
                + " AND t.relkind = 'f' AND " + notExtension("pg_class", "t.oid")
                + " UNION ALL SELECT 'collation ' || o.collname FROM pg_collation o WHERE o.collnamespace" + IN_SCHEMA
                + " AND " + notExtension("pg_collation", "o.oid")
                + " UNION ALL SELECT 'statistics object ' || x.stxname FROM pg_statistic_ext x WHERE x.stxnamespace"
                + IN_SCHEMA
                + " UNION ALL SELECT 'range type with a canonical function ' || t.typname FROM pg_type t JOIN pg_range "
                + "r ON r.rngtypid = t.oid WHERE t.typnamespace" + IN_SCHEMA + " AND r.rngcanonical <> 0 AND "
                + notExtension("pg_type", "t.oid")
                + " ORDER BY 1");
    }

    /** A table of the schema: its oid, name, kind (r, p) and whether other tables inherit from it. */
    record Table(long oid, String name, boolean partitioned, boolean hasChildren) {
    }

    List<Table> tables() throws SQLException {
        List<Table> out = new ArrayList<>();
        for (String[] r : rows(c, "SELECT t.oid, t.relname, t.relkind, EXISTS (SELECT 1 FROM pg_inherits i WHERE "
                + "i.inhparent = t.oid)::text FROM pg_class t WHERE t.relnamespace" + IN_SCHEMA + " AND t.relkind IN "
                + "('r', 'p') AND " + notExtension("pg_class", "t.oid") + " ORDER BY t.oid")) {
            out.add(new Table(Long.parseLong(r[0]), r[1], r[2].equals("p"), r[3].equals("true")));
        }
        return out;
    }

    /**
     * Types, functions, procedures, sequences, tables (with their own keys and checks), views and materialized views
     * (empty: they are refreshed once the data is in), each after everything it depends on.
     */
    List<String> definitions() throws SQLException, IOException {
        Map<Long, List<String>> ddl = new LinkedHashMap<>();
        DependencyOrder<Long> order = new DependencyOrder<>();
        types(ddl, order);
        functions(ddl, order);
        sequences(ddl, order);
        tables(ddl, order);
        views(ddl, order);
        for (String[] d : rows(c, DEPENDENCIES)) {
            order.dependency(Long.parseLong(d[0]), Long.parseLong(d[1]));
        }
        for (String[] i : rows(c, "SELECT inhrelid, inhparent FROM pg_inherits")) {
            order.dependency(Long.parseLong(i[0]), Long.parseLong(i[1]));
        }
        List<String> out = new ArrayList<>();
        for (Long oid : order.order()) {
            out.addAll(ddl.get(oid));
        }
        return out;
    }

    /**
     * Which object needs which, from pg_depend's normal dependencies, each side mapped to the object the dump
     * creates: a column default or a check to its table, a view's rule to its view, a row type to its table, an array
     * type to its element. Automatic and internal dependencies (a serial's sequence owned by its table, an identity's
     * sequence) are ownership, not order, and are left out.
     */
    private static final String NODE = "CASE %1$s WHEN 'pg_class'::regclass THEN %2$s WHEN 'pg_proc'::regclass THEN "
            + "%2$s WHEN 'pg_type'::regclass THEN (SELECT CASE WHEN t.typrelid <> 0 THEN t.typrelid WHEN t.typelem <> 0 "
            + "AND t.typcategory = 'A' THEN (SELECT CASE WHEN e.typrelid <> 0 THEN e.typrelid ELSE e.oid END FROM "
            + "pg_type e WHERE e.oid = t.typelem) ELSE t.oid END FROM pg_type t WHERE t.oid = %2$s) WHEN "
            + "'pg_attrdef'::regclass THEN (SELECT adrelid FROM pg_attrdef WHERE oid = %2$s) WHEN "
            + "'pg_constraint'::regclass THEN (SELECT CASE WHEN contype = 'f' THEN NULL WHEN conrelid <> 0 THEN "
            + "conrelid ELSE contypid END FROM pg_constraint WHERE oid = %2$s) WHEN 'pg_rewrite'::regclass THEN "
            + "(SELECT ev_class FROM pg_rewrite WHERE oid = %2$s) END";
    private static final String DEPENDENCIES = "SELECT DISTINCT o, r FROM (SELECT "
            + String.format(NODE, "d.classid", "d.objid") + " AS o, " + String.format(NODE, "d.refclassid", "d.refobjid")
            + " AS r FROM pg_depend d WHERE d.deptype = 'n') x WHERE o IS NOT NULL AND r IS NOT NULL AND o <> r";

    private void types(Map<Long, List<String>> ddl, DependencyOrder<Long> order) throws SQLException {
        String typeInSchema = "t.typnamespace" + IN_SCHEMA + " AND " + notExtension("pg_type", "t.oid");
        for (String[] r : rows(c, "SELECT t.oid, t.typname, format('CREATE TYPE %I AS ENUM (%s)', t.typname, "
                + "COALESCE((SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum "
                + "e WHERE e.enumtypid = t.oid), '')) FROM pg_type t WHERE t.typtype = 'e' AND " + typeInSchema)) {
            node(ddl, order, r[0], "type " + r[1], r[2]);
        }
        for (String[] r : rows(c, "SELECT t.oid, t.typname, format('CREATE DOMAIN %I AS %s', t.typname, "
                + "format_type(t.typbasetype, t.typtypmod)) || COALESCE((SELECT ' COLLATE ' || quote_ident(cn.nspname) "
                + "|| '.' || quote_ident(co.collname) FROM pg_collation co JOIN pg_namespace cn ON cn.oid = "
                + "co.collnamespace WHERE co.oid = t.typcollation AND t.typcollation <> (SELECT b.typcollation FROM "
                + "pg_type b WHERE b.oid = t.typbasetype)), '') || COALESCE(' DEFAULT ' || t.typdefault, '') || CASE "
                + "WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END FROM pg_type t WHERE t.typtype = 'd' AND "
                + typeInSchema)) {
            node(ddl, order, r[0], "domain " + r[1], r[2]);
            ddl.get(Long.parseLong(r[0])).addAll(list(c, "SELECT format('ALTER DOMAIN %I ADD CONSTRAINT %I %s', "
                    + "t.typname, k.conname, pg_get_constraintdef(k.oid)) FROM pg_constraint k JOIN pg_type t ON t.oid "
                    + "= k.contypid WHERE k.contypid = ?::oid AND k.contype = 'c' AND k.convalidated ORDER BY k.conname",
                    r[0]));
        }
        for (String[] r : rows(c, "SELECT t.typrelid, t.typname, format('CREATE TYPE %I AS (%s)', t.typname, "
                + "COALESCE((SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)) || "
                + String.format(COLLATE, "a") + ", ', ' ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = "
                + "t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '')) FROM pg_type t JOIN pg_class k ON k.oid = "
                + "t.typrelid WHERE t.typtype = 'c' AND k.relkind = 'c' AND " + typeInSchema)) {
            node(ddl, order, r[0], "type " + r[1], r[2]);
        }
        for (String[] r : rows(c, "SELECT t.oid, t.typname, format('CREATE TYPE %I AS RANGE (SUBTYPE = %s', "
                + "t.typname, format_type(g.rngsubtype, NULL)) || COALESCE((SELECT ', SUBTYPE_OPCLASS = ' || "
                + "quote_ident(n.nspname) || '.' || quote_ident(o.opcname) FROM pg_opclass o JOIN pg_namespace n ON "
                + "n.oid = o.opcnamespace WHERE o.oid = g.rngsubopc AND NOT o.opcdefault), '') || COALESCE((SELECT "
                + "', COLLATION = ' || quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co "
                + "JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = g.rngcollation AND g.rngcollation "
                + "<> (SELECT s.typcollation FROM pg_type s WHERE s.oid = g.rngsubtype)), '') || CASE WHEN "
                + "g.rngsubdiff <> 0 THEN ', SUBTYPE_DIFF = ' || g.rngsubdiff::regproc::text ELSE '' END || "
                + "format(', MULTIRANGE_TYPE_NAME = %I)', (SELECT m.typname FROM pg_type m WHERE m.oid = "
                + "g.rngmultitypid)) FROM pg_type t JOIN pg_range g ON g.rngtypid = t.oid WHERE t.typtype = 'r' AND "
                + typeInSchema)) {
            node(ddl, order, r[0], "type " + r[1], r[2]);
        }
    }

    /**
     * Functions and procedures, their bodies unchecked at creation (the dump sets check_function_bodies off), so a SQL
     * function may come before the table it reads; what a body is parsed against at creation (BEGIN ATOMIC) is in
     * pg_depend and ordered by it.
     */
    private void functions(Map<Long, List<String>> ddl, DependencyOrder<Long> order) throws SQLException {
        for (String[] r : rows(c, "SELECT p.oid, p.proname, pg_get_functiondef(p.oid), 'CREATE OR REPLACE ' || "
                + "CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END FROM pg_proc p WHERE p.pronamespace"
                + IN_SCHEMA + " AND p.prokind IN ('f', 'p') AND " + notExtension("pg_proc", "p.oid"))) {
            node(ddl, order, r[0], "function " + r[1], unqualified(r[2], r[3]));
        }
    }

    /** Sequences of their own (an identity column's sequence comes with its column), with every option. */
    private void sequences(Map<Long, List<String>> ddl, DependencyOrder<Long> order) throws SQLException {
        for (String[] r : rows(c, "SELECT k.oid, k.relname, format('CREATE SEQUENCE %I AS %s ', k.relname, "
                + "format_type(s.seqtypid, NULL)) || " + SEQUENCE_OPTIONS + " FROM pg_class k JOIN pg_sequence s ON "
                + "s.seqrelid = k.oid WHERE k.relnamespace" + IN_SCHEMA + " AND k.relkind = 'S' AND NOT EXISTS (SELECT "
                + "1 FROM pg_depend d WHERE d.objid = k.oid AND d.classid = 'pg_class'::regclass AND d.deptype = 'i') "
                + "AND " + notExtension("pg_class", "k.oid"))) {
            node(ddl, order, r[0], "sequence " + r[1], r[2]);
        }
    }

    private static final String SEQUENCE_OPTIONS = "format('INCREMENT BY %s MINVALUE %s MAXVALUE %s START WITH %s CACHE "
            + "%s %s', s.seqincrement, s.seqmin, s.seqmax, s.seqstart, s.seqcache, CASE WHEN s.seqcycle THEN 'CYCLE' "
            + "ELSE 'NO CYCLE' END)";

    private void tables(Map<Long, List<String>> ddl, DependencyOrder<Long> order) throws SQLException {
        for (String[] t : rows(c, "SELECT k.oid, k.relname, k.relkind, k.relispartition::text, CASE WHEN "
                + "k.relispartition THEN (SELECT quote_ident(p.relname) FROM pg_inherits i JOIN pg_class p ON p.oid = "
                + "i.inhparent WHERE i.inhrelid = k.oid) END, pg_get_expr(k.relpartbound, k.oid), CASE WHEN k.relkind = "
                + "'p' THEN pg_get_partkeydef(k.oid) END, (SELECT string_agg(quote_ident(p.relname), ', ' ORDER BY "
                + "i.inhseqno) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = k.oid), "
                + "k.relpersistence, array_to_string(k.reloptions, ', ') FROM pg_class k WHERE k.relnamespace"
                + IN_SCHEMA + " AND k.relkind IN ('r', 'p') AND " + notExtension("pg_class", "k.oid"))) {
            List<String> statements = new ArrayList<>();
            boolean partition = t[3].equals("true");
            StringBuilder create = new StringBuilder("CREATE ").append("u".equals(t[8]) ? "UNLOGGED " : "")
                    .append("TABLE ").append(q(t[1]));
            if (partition) {
                create.append(" PARTITION OF ").append(t[4]).append(' ').append(t[5]);
            } else {
                create.append(" (").append(String.join(", ", columns(t[0]))).append(')');
                if (t[7] != null) {
                    create.append(" INHERITS (").append(t[7]).append(')');
                }
            }
            if (t[6] != null) {
                create.append(" PARTITION BY ").append(t[6]);
            }
            if (t[9] != null && !t[9].isEmpty()) {
                create.append(" WITH (").append(t[9]).append(')');
            }
            statements.add(create.toString());
            if (partition) {
                statements.addAll(partitionColumnChanges(t[0]));
            }
            // keys, uniques, checks and exclusions of this table (ones inherited from a parent come with it);
            // foreign keys and checks NOT VALID wait for the data (see unvalidatedChecks)
            statements.addAll(list(c, "SELECT format('ALTER TABLE %I ADD CONSTRAINT %I %s', ?::text, k.conname, "
                    + "pg_get_constraintdef(k.oid)) FROM pg_constraint k WHERE k.conrelid = ?::oid AND k.contype IN "
                    + "('p', 'u', 'c', 'x') AND (k.contype <> 'c' OR k.convalidated) AND k.conparentid = 0 AND "
                    + "k.conislocal ORDER BY k.contype, k.conname", t[1], t[0]));
            node(ddl, order, t[0], "table " + t[1], statements);
        }
    }

    /** Column definitions of a table that is not a partition: the columns it does not only inherit. */
    private List<String> columns(String table) throws SQLException {
        List<String> defs = new ArrayList<>();
        for (String[] col : rows(c, "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text, "
                + "pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text, " + String.format(COLLATE,
                "a") + ", (SELECT format('SEQUENCE NAME %I ', q.relname) || " + SEQUENCE_OPTIONS + " FROM pg_depend dp "
                + "JOIN pg_class q ON q.oid = dp.objid JOIN pg_sequence s ON s.seqrelid = q.oid WHERE dp.refobjid = "
                + "a.attrelid AND dp.refobjsubid = a.attnum AND dp.classid = 'pg_class'::regclass AND dp.deptype = 'i') "
                + "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE "
                + "a.attrelid = ?::oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attislocal ORDER BY a.attnum",
                table)) {
            StringBuilder def = new StringBuilder(q(col[0])).append(' ').append(col[1]).append(col[6]);
            if ("s".equals(col[5])) {
                def.append(" GENERATED ALWAYS AS (").append(col[3]).append(") STORED");
            } else if ("a".equals(col[4]) || "d".equals(col[4])) {
                def.append(" GENERATED ").append("a".equals(col[4]) ? "ALWAYS" : "BY DEFAULT").append(" AS IDENTITY");
                if (col[7] != null) {
                    def.append(" (").append(col[7]).append(')');
                }
            } else if (col[3] != null) {
                def.append(" DEFAULT ").append(col[3]);
            }
            if ("true".equals(col[2])) {
                def.append(" NOT NULL");
            }
            defs.add(def.toString());
        }
        return defs;
    }

    /** A partition takes its columns from its parent; what it sets differently (a default, NOT NULL) is added. */
    private List<String> partitionColumnChanges(String partition) throws SQLException {
        return list(c, "SELECT CASE WHEN pg_get_expr(d.adbin, d.adrelid) IS DISTINCT FROM pg_get_expr(pd.adbin, "
                + "pd.adrelid) AND d.adbin IS NOT NULL THEN format('ALTER TABLE %I ALTER COLUMN %I SET DEFAULT %s', "
                + "k.relname, a.attname, pg_get_expr(d.adbin, d.adrelid)) ELSE format('ALTER TABLE %I ALTER COLUMN %I "
                + "SET NOT NULL', k.relname, a.attname) END FROM pg_attribute a JOIN pg_class k ON k.oid = a.attrelid "
                + "JOIN pg_inherits i ON i.inhrelid = a.attrelid JOIN pg_attribute pa ON pa.attrelid = i.inhparent AND "
                + "pa.attname = a.attname LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum LEFT "
                + "JOIN pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum WHERE a.attrelid = ?::oid "
                + "AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' AND ((d.adbin IS NOT NULL AND "
                + "pg_get_expr(d.adbin, d.adrelid) IS DISTINCT FROM pg_get_expr(pd.adbin, pd.adrelid)) OR "
                + "(a.attnotnull AND NOT pa.attnotnull)) ORDER BY a.attnum", partition);
    }

    private void views(Map<Long, List<String>> ddl, DependencyOrder<Long> order) throws SQLException {
        for (String[] v : rows(c, "SELECT k.oid, k.relname, k.relkind, array_to_string(k.reloptions, ', '), "
                + "rtrim(pg_get_viewdef(k.oid, true), '; ' || chr(10)) FROM pg_class k WHERE k.relnamespace" + IN_SCHEMA
                + " AND k.relkind IN ('v', 'm') AND " + notExtension("pg_class", "k.oid"))) {
            boolean materialized = v[2].equals("m");
            String options = v[3] == null || v[3].isEmpty() ? "" : " WITH (" + v[3] + ")";
            node(ddl, order, v[0], "view " + v[1], "CREATE " + (materialized ? "MATERIALIZED VIEW " : "VIEW ")
                    + q(v[1]) + options + " AS " + v[4] + (materialized ? " WITH NO DATA" : ""));
        }
    }

    /** REFRESH for every populated materialized view, each after those it reads. */
    List<String> refreshes() throws SQLException, IOException {
        DependencyOrder<Long> order = new DependencyOrder<>();
        Map<Long, String> refresh = new LinkedHashMap<>();
        for (String[] m : rows(c, "SELECT k.oid, k.relname FROM pg_class k WHERE k.relnamespace" + IN_SCHEMA
                + " AND k.relkind = 'm' AND k.relispopulated AND " + notExtension("pg_class", "k.oid"))) {
            order.add(Long.parseLong(m[0]), m[1]);
            refresh.put(Long.parseLong(m[0]), "REFRESH MATERIALIZED VIEW " + q(m[1]));
        }
        for (String[] d : rows(c, DEPENDENCIES)) {
            order.dependency(Long.parseLong(d[0]), Long.parseLong(d[1]));
        }
        List<String> out = new ArrayList<>();
        for (Long oid : order.order()) {
            out.add(refresh.get(oid));
        }
        return out;
    }

    /**
     * Indexes not made by a constraint, on tables and materialized views; an index of a partitioned table is made on
     * it alone and its partitions' indexes attached to it, so every index keeps its own name.
     */
    List<String> indexes() throws SQLException {
        List<String> out = new ArrayList<>();
        String ownIndex = "NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = %1$s AND k.conrelid = %2$s "
                + "AND k.contype IN ('p', 'u', 'x'))";
        for (String[] i : rows(c, "SELECT pg_get_indexdef(i.indexrelid), 'CREATE ' || CASE WHEN i.indisunique THEN "
                + "'UNIQUE ' ELSE '' END || 'INDEX ' || quote_ident(x.relname) || ' ON ' || CASE WHEN t.relkind = 'p' "
                + "THEN 'ONLY ' ELSE '' END FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_class t ON "
                + "t.oid = i.indrelid WHERE t.relnamespace" + IN_SCHEMA + " AND t.relkind IN ('r', 'p', 'm') AND "
                + String.format(ownIndex, "i.indexrelid", "i.indrelid") + " AND " + notExtension("pg_class", "t.oid")
                + " ORDER BY i.indexrelid")) {
            out.add(unqualified(i[0], i[1]));
        }
        out.addAll(list(c, "SELECT format('ALTER INDEX %I ATTACH PARTITION %I', p.relname, x.relname) FROM "
                + "pg_inherits h JOIN pg_class x ON x.oid = h.inhrelid JOIN pg_class p ON p.oid = h.inhparent JOIN "
                + "pg_index pi ON pi.indexrelid = p.oid WHERE x.relkind IN ('i', 'I') AND p.relnamespace" + IN_SCHEMA
                + " AND " + String.format(ownIndex, "p.oid", "pi.indrelid") + " ORDER BY x.oid"));
        return out;
    }

    /**
     * CHECK constraints of tables and domains added NOT VALID: rows or values from before them may break them, and a
     * check is enforced on every row loaded, valid or not, so they are added after the data (as NOT VALID again).
     */
    List<String> unvalidatedChecks() throws SQLException {
        return list(c, "SELECT format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, k.conname, "
                + "pg_get_constraintdef(k.oid)) FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid WHERE "
                + "t.relnamespace" + IN_SCHEMA + " AND k.contype = 'c' AND NOT k.convalidated AND k.conparentid = 0 "
                + "AND k.conislocal AND " + notExtension("pg_class", "t.oid")
                + " UNION ALL SELECT format('ALTER DOMAIN %I ADD CONSTRAINT %I %s', t.typname, k.conname, "
                + "pg_get_constraintdef(k.oid)) FROM pg_constraint k JOIN pg_type t ON t.oid = k.contypid WHERE "
                + "t.typnamespace" + IN_SCHEMA + " AND k.contype = 'c' AND NOT k.convalidated AND "
                + notExtension("pg_type", "t.oid") + " ORDER BY 1");
    }

    /** Foreign keys (on a partitioned table: once, on it; its partitions' copies come with it). */
    List<String> foreignKeys() throws SQLException {
        return list(c, "SELECT format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, k.conname, "
                + "pg_get_constraintdef(k.oid)) FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid WHERE "
                + "t.relnamespace" + IN_SCHEMA + " AND k.contype = 'f' AND k.conparentid = 0 AND "
                + notExtension("pg_class", "t.oid") + " ORDER BY t.oid, k.conname");
    }

    /** Which column owns each sequence (a serial's, or one given OWNED BY), and where every sequence stands. */
    List<String> sequenceStates() throws SQLException {
        List<String> out = new ArrayList<>(list(c, "SELECT format('ALTER SEQUENCE %I OWNED BY %I.%I', q.relname, "
                + "t.relname, a.attname) FROM pg_depend d JOIN pg_class q ON q.oid = d.objid JOIN pg_class t ON t.oid = "
                + "d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid WHERE d.classid = "
                + "'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a' AND q.relkind = 'S' "
                + "AND q.relnamespace" + IN_SCHEMA + " AND t.relnamespace" + IN_SCHEMA + " ORDER BY q.oid"));
        for (String seq : list(c, "SELECT k.relname FROM pg_class k WHERE k.relkind = 'S' AND k.relnamespace"
                + IN_SCHEMA + " AND " + notExtension("pg_class", "k.oid") + " ORDER BY k.oid")) {
            String[] pos = rows(c, "SELECT last_value::text, is_called::text FROM " + q(seq)).get(0);
            out.add("SELECT pg_catalog.setval(" + literal(q(seq)) + ", " + pos[0] + ", " + pos[1] + ")");
        }
        return out;
    }

    /** Triggers as made (a partition's copy of its parent's trigger comes with the parent's), disabled ones too. */
    List<String> triggers() throws SQLException {
        List<String> out = new ArrayList<>();
        for (String[] t : rows(c, "SELECT pg_get_triggerdef(g.oid, true), CASE WHEN g.tgenabled = 'D' THEN "
                + "format('ALTER TABLE %I DISABLE TRIGGER %I', k.relname, g.tgname) END FROM pg_trigger g JOIN "
                + "pg_class k ON k.oid = g.tgrelid WHERE NOT g.tgisinternal AND g.tgparentid = 0 AND k.relnamespace"
                + IN_SCHEMA + " AND " + notExtension("pg_class", "k.oid") + " ORDER BY g.oid")) {
            out.add(t[0]);
            if (t[1] != null) {
                out.add(t[1]);
            }
        }
        return out;
    }

    /** COMMENT ON every object of the schema that has one, the schema itself included. */
    List<String> comments() throws SQLException {
        String described = " JOIN pg_description d ON d.objoid = %s AND d.classoid = '%s'::regclass";
        return list(c, "SELECT format('COMMENT ON %s %I IS %L', CASE k.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN "
                + "'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'i' THEN 'INDEX' WHEN 'I' THEN 'INDEX' WHEN 'c' "
                + "THEN 'TYPE' ELSE 'TABLE' END, k.relname, d.description) FROM pg_class k"
                + String.format(described, "k.oid", "pg_class") + " AND d.objsubid = 0 WHERE k.relnamespace"
                + IN_SCHEMA + " AND " + notExtension("pg_class", "k.oid")
                + " UNION ALL SELECT format('COMMENT ON COLUMN %I.%I IS %L', k.relname, a.attname, d.description) FROM "
                + "pg_class k" + String.format(described, "k.oid", "pg_class") + " JOIN pg_attribute a ON a.attrelid = "
                + "k.oid AND a.attnum = d.objsubid WHERE d.objsubid > 0 AND k.relnamespace" + IN_SCHEMA + " AND "
                + notExtension("pg_class", "k.oid")
                + " UNION ALL SELECT format('COMMENT ON %s %I IS %L', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' "
                + "END, t.typname, d.description) FROM pg_type t" + String.format(described, "t.oid", "pg_type")
                + " WHERE t.typnamespace" + IN_SCHEMA + " AND " + notExtension("pg_type", "t.oid")
                + " UNION ALL SELECT format('COMMENT ON %s %I(%s) IS %L', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE "
                + "'FUNCTION' END, p.proname, pg_get_function_identity_arguments(p.oid), d.description) FROM pg_proc p"
                + String.format(described, "p.oid", "pg_proc") + " WHERE p.pronamespace" + IN_SCHEMA + " AND "
                + notExtension("pg_proc", "p.oid")
                + " UNION ALL SELECT CASE WHEN k.conrelid <> 0 THEN format('COMMENT ON CONSTRAINT %I ON %I IS %L', "
                + "k.conname, (SELECT relname FROM pg_class WHERE oid = k.conrelid), d.description) ELSE "
                + "format('COMMENT ON CONSTRAINT %I ON DOMAIN %I IS %L', k.conname, (SELECT typname FROM pg_type WHERE "
                + "oid = k.contypid), d.description) END FROM pg_constraint k" + String.format(described, "k.oid",
                "pg_constraint") + " WHERE k.connamespace" + IN_SCHEMA
                + " UNION ALL SELECT format('COMMENT ON TRIGGER %I ON %I IS %L', g.tgname, k.relname, d.description) "
                + "FROM pg_trigger g JOIN pg_class k ON k.oid = g.tgrelid" + String.format(described, "g.oid",
                "pg_trigger") + " WHERE k.relnamespace" + IN_SCHEMA
                + " UNION ALL SELECT " + onSchema("format('COMMENT ON SCHEMA %%I IS %s', "
                + "replace(quote_literal(d.description), '%', '%%'))")
                + " FROM pg_namespace s" + String.format(described, "s.oid", "pg_namespace") + " WHERE s.oid"
                + IN_SCHEMA);
    }

    /**
     * The grants on the schema and on its tables, views, sequences, columns, functions and types. An object whose
     * PUBLIC rights are not the defaults (EXECUTE on a function revoked, say) loses them first; then every grant to a
     * role comes back, in its order. The owner's own rights are the restoring user's (objects belong to whoever
     * restores them); grants come back as made by that user.
     */
    List<String> grants() throws SQLException {
        String objects = "WITH o(target, acl, owner, kind) AS (SELECT CASE k.relkind WHEN 'S' THEN 'SEQUENCE ' ELSE "
                + "'TABLE ' END || quote_ident(k.relname), k.relacl, k.relowner, CASE k.relkind WHEN 'S' THEN 's' ELSE "
                + "'r' END FROM pg_class k WHERE k.relnamespace" + IN_SCHEMA + " AND k.relkind IN ('r', 'p', 'v', 'm', "
                + "'S') AND k.relacl IS NOT NULL AND " + notExtension("pg_class", "k.oid")
                + " UNION ALL SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END || "
                + "quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')', p.proacl, "
                + "p.proowner, 'f' FROM pg_proc p WHERE p.pronamespace" + IN_SCHEMA + " AND p.proacl IS NOT NULL AND "
                + notExtension("pg_proc", "p.oid")
                + " UNION ALL SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN ' ELSE 'TYPE ' END || quote_ident(t.typname), "
                + "t.typacl, t.typowner, 'T' FROM pg_type t WHERE t.typnamespace" + IN_SCHEMA + " AND t.typacl IS NOT "
                + "NULL AND t.typtype IN ('e', 'd', 'r', 'c', 'm') AND " + notExtension("pg_type", "t.oid")
                + "), p AS (SELECT o.*, (SELECT array_agg(x.privilege_type ORDER BY 1) FROM aclexplode(o.acl) x WHERE "
                + "x.grantee = 0) IS DISTINCT FROM (SELECT array_agg(x.privilege_type ORDER BY 1) FROM "
                + "aclexplode(acldefault(o.kind::\"char\", o.owner)) x WHERE x.grantee = 0) AS public_changed FROM o) ";
        String grantee = "CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END";
        String option = "CASE WHEN x.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END";
        List<String> out = new ArrayList<>(list(c, objects + "SELECT 'REVOKE ALL ON ' || target || ' FROM PUBLIC' FROM "
                + "p WHERE public_changed ORDER BY 1"));
        out.addAll(list(c, objects + "SELECT 'GRANT ' || x.privilege_type || ' ON ' || p.target || ' TO ' || " + grantee
                + " || " + option + " FROM p, aclexplode(p.acl) WITH ORDINALITY x WHERE x.grantee <> p.owner AND "
                + "(x.grantee <> 0 OR p.public_changed) ORDER BY p.target, x.ordinality"));
        out.addAll(list(c, "SELECT format('GRANT %s (%I) ON TABLE %I TO %s%s', x.privilege_type, a.attname, "
                + "k.relname, " + grantee + ", " + option + ") FROM pg_attribute a JOIN pg_class k ON k.oid = "
                + "a.attrelid, aclexplode(a.attacl) WITH ORDINALITY x WHERE k.relnamespace" + IN_SCHEMA + " AND "
                + "a.attacl IS NOT NULL AND a.attnum > 0 ORDER BY k.oid, a.attnum, x.ordinality"));
        out.addAll(list(c, "SELECT " + onSchema("'GRANT ' || x.privilege_type || ' ON SCHEMA %I TO ' || replace("
                + grantee + ", '%', '%%') || " + option) + " FROM pg_namespace s, aclexplode(s.nspacl) WITH "
                + "ORDINALITY x WHERE s.oid" + IN_SCHEMA + " AND x.grantee <> s.nspowner ORDER BY x.ordinality"));
        return out;
    }

    /**
     * The owners of the schema's tables, views, sequences, functions, procedures and types, given back after the
     * grants (a new owner takes over the grants its predecessor made). Indexes and sequences owned by a column follow
     * their table; a multirange follows its range; extensions' members are the extension's.
     */
    List<String> owners() throws SQLException {
        List<String> out = new ArrayList<>(list(c, "SELECT format('ALTER %s %I OWNER TO %I', CASE k.relkind WHEN 'v' "
                + "THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, k.relname, "
                + "pg_get_userbyid(k.relowner)) FROM pg_class k WHERE k.relnamespace" + IN_SCHEMA + " AND k.relkind IN "
                + "('r', 'p', 'v', 'm', 'S') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = "
                + "'pg_class'::regclass AND d.objid = k.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN "
                + "('a', 'i') AND k.relkind = 'S') AND " + notExtension("pg_class", "k.oid") + " ORDER BY k.oid"));
        out.addAll(list(c, "SELECT format('ALTER %s %I(%s) OWNER TO %I', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' "
                + "ELSE 'FUNCTION' END, p.proname, pg_get_function_identity_arguments(p.oid), "
                + "pg_get_userbyid(p.proowner)) FROM pg_proc p WHERE p.pronamespace" + IN_SCHEMA + " AND "
                + notExtension("pg_proc", "p.oid") + " ORDER BY p.oid"));
        out.addAll(list(c, "SELECT format('ALTER %s %I OWNER TO %I', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE "
                + "'TYPE' END, t.typname, pg_get_userbyid(t.typowner)) FROM pg_type t WHERE t.typnamespace" + IN_SCHEMA
                + " AND t.typtype IN ('e', 'd', 'r', 'c') AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_class WHERE "
                + "oid = t.typrelid) = 'c') AND " + notExtension("pg_type", "t.oid") + " ORDER BY t.oid"));
        return out;
    }

    /**
     * A statement on the schema the dump is replayed into, whatever its name: a DO block that runs
     * {@code format(template, current_schema())}. {@code template} is SQL giving that format string: {@code %I} where
     * the schema's name goes, every other {@code %} doubled.
     */
    private static String onSchema(String template) {
        return "format('DO %L', format('BEGIN EXECUTE format(%L, current_schema()); END', " + template + "))";
    }

    /** The column names of a table's stored data (generated columns are computed again), bytea read as bytes. */
    List<LogicalDump.Column> dataColumns(long table) throws SQLException {
        List<LogicalDump.Column> out = new ArrayList<>();
        for (String[] col : rows(c, "SELECT a.attname, (a.atttypid = 'bytea'::regtype)::text FROM pg_attribute a "
                + "WHERE a.attrelid = ?::oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY "
                + "a.attnum", String.valueOf(table))) {
            out.add(new LogicalDump.Column(col[0], col[1].equals("true")));
        }
        return out;
    }

    /**
     * A deparser's statement without the schema prefix it always writes: {@code bare} is how the statement starts
     * before the qualified name. A statement that does not start so is refused rather than replayed elsewhere.
     */
    private String unqualified(String statement, String bare) throws SQLException {
        String qualified = bare + schema + ".";
        if (!statement.startsWith(qualified)) {
            throw new SQLException("unexpected definition (not starting with " + qualified + "): " + statement);
        }
        return bare + statement.substring(qualified.length());
    }

    private static void node(Map<Long, List<String>> ddl, DependencyOrder<Long> order, String oid, String name,
                             String statement) {
        node(ddl, order, oid, name, new ArrayList<>(List.of(statement)));
    }

    private static void node(Map<Long, List<String>> ddl, DependencyOrder<Long> order, String oid, String name,
                             List<String> statements) {
        long key = Long.parseLong(oid);
        order.add(key, name);
        ddl.put(key, new ArrayList<>(statements));
    }

    static String q(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
