package dev.migratemcp.dialect;

import dev.migratemcp.schema.Normalise;
import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.schema.SchemaSnapshot.ColumnInfo;
import dev.migratemcp.schema.SnapshotBuilder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's schema from pg_catalog, limited to the current schema: one query per kind of object. Identity and
 * serial columns are marked auto-increment and their sequence defaults left out, since sequence names are an
 * accident of history.
 */
final class PostgresIntrospector implements SchemaIntrospector {

    private static final String IN_SCHEMA = "n.nspname = current_schema()";

    @Override
    public SchemaSnapshot snapshot(Connection c, Set<String> excludedTables) throws SQLException {
        SnapshotBuilder b = new SnapshotBuilder(excludedTables);
        try (Statement s = c.createStatement()) {
            readTables(s, b, null);
            readColumns(s, b, null);
            readPrimaryKeys(s, b, null);
            readIndexes(s, b, null);
            readForeignKeys(s, b, null);
            try (ResultSet rs = s.executeQuery("SELECT c.relname, pg_get_viewdef(c.oid, true) FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND " + IN_SCHEMA)) {
                while (rs.next()) {
                    b.view(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid, true) "
                    + "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND " + IN_SCHEMA)) {
                while (rs.next()) {
                    b.trigger(rs.getString(1), rs.getString(2), rs.getString(3));
                }
            }
        }
        return b.build();
    }

    @Override
    public List<SchemaSnapshot.TableInfo> tables(Connection c, Set<String> excludedTables, Set<String> names)
            throws SQLException {
        SnapshotBuilder b = new SnapshotBuilder(excludedTables);
        try (Statement s = c.createStatement()) {
            readTables(s, b, names);
            readColumns(s, b, names);
            readPrimaryKeys(s, b, names);
            readIndexes(s, b, names);
            readForeignKeys(s, b, names);
        }
        return b.build().tables();
    }

    /** @param only the tables to read, or null for all of them (so for each read below) */
    private static void readTables(Statement s, SnapshotBuilder b, Set<String> only) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND " + IN_SCHEMA
                + CatalogQueries.restrict("c.relname", only))) {
            while (rs.next()) {
                b.table(rs.getString(1), true);
            }
        }
    }

    private static void readColumns(Statement s, SnapshotBuilder b, Set<String> only) throws SQLException {
        String sql = "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                + "pg_get_expr(d.adbin, d.adrelid), a.attidentity "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
                + "WHERE c.relkind IN ('r', 'p') AND " + IN_SCHEMA + CatalogQueries.restrict("c.relname", only)
                + " ORDER BY c.relname, a.attnum";
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String type = Normalise.type(rs.getString(3));
                String rawDefault = rs.getString(5);
                String identity = rs.getString(6);
                boolean auto = identity != null && !identity.isEmpty()
                        || rawDefault != null && rawDefault.startsWith("nextval(");
                b.column(rs.getString(1), new ColumnInfo(rs.getString(2), type, !rs.getBoolean(4),
                        auto ? null : Normalise.defaultValue(rawDefault, type), auto));
            }
        }
    }

    private static void readPrimaryKeys(Statement s, SnapshotBuilder b, Set<String> only) throws SQLException {
        String sql = "SELECT c.relname, k.ord, a.attname FROM pg_constraint con "
                + "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) "
                + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
                + "WHERE con.contype = 'p' AND " + IN_SCHEMA + CatalogQueries.restrict("c.relname", only);
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                b.primaryKeyColumn(rs.getString(1), rs.getInt(2), rs.getString(3));
            }
        }
    }

    /**
     * Index columns through pg_get_indexdef per key position, which also spells out expressions but not the sort
     * order: bit 1 of indoption is DESC.
     */
    private static void readIndexes(Statement s, SnapshotBuilder b, Set<String> only) throws SQLException {
        String sql = "SELECT t.relname, i.relname, ix.indisunique, pg_get_expr(ix.indpred, ix.indrelid), k.ord, "
                + "pg_get_indexdef(ix.indexrelid, k.ord::int, true), (ix.indoption[k.ord - 1] & 1) = 1 "
                + "FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid "
                + "JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "CROSS JOIN LATERAL generate_series(1, ix.indnkeyatts) AS k(ord) "
                + "WHERE NOT ix.indisprimary AND " + IN_SCHEMA + CatalogQueries.restrict("t.relname", only);
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String where = rs.getString(4);
                b.indexColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        where == null ? null : Normalise.definition(where), rs.getInt(5),
                        Normalise.indexKey(rs.getString(6), rs.getBoolean(7)));
            }
        }
    }

    private static void readForeignKeys(Statement s, SnapshotBuilder b, Set<String> only) throws SQLException {
        String sql = "SELECT c.relname, con.conname, k.ord, a.attname, rc.relname, ra.attname, con.confdeltype, "
                + "con.confupdtype FROM pg_constraint con "
                + "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_class rc ON rc.oid = con.confrelid "
                + "CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, refnum, ord) "
                + "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
                + "JOIN pg_attribute ra ON ra.attrelid = rc.oid AND ra.attnum = k.refnum "
                + "WHERE con.contype = 'f' AND " + IN_SCHEMA + CatalogQueries.restrict("c.relname", only);
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                b.foreignKeyColumn(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), action(rs.getString(7)), action(rs.getString(8)));
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
}
