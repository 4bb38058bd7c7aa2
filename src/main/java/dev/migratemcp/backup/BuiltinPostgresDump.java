package dev.migratemcp.backup;

import dev.migratemcp.config.ConnectionSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Collection;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * PostgreSQL without pg_dump: our logical dump of the connection's schema over JDBC, read in one repeatable-read
 * transaction. DDL comes from the catalog and the server's own deparsers (pg_get_constraintdef, pg_get_indexdef,
 * pg_get_viewdef, pg_get_functiondef, pg_get_triggerdef): functions and sequences first, then tables with their keys
 * and checks, the data, then indexes, foreign keys, sequence positions, views and triggers.
 */
final class BuiltinPostgresDump implements BackupMethod {

    private static final int FETCH = 1000;

    /** Rows per table as written, in the dump's snapshot, once {@link #create} has run. */
    private Map<String, Long> written = Map.of();

    @Override
    public String id() {
        return "builtin_logical_postgresql";
    }

    @Override
    public String extension() {
        return ".jsonl.gz";
    }

    @Override
    public void create(Connection c, ConnectionSettings settings, Path target, BiConsumer<Long, Long> progress)
            throws IOException, SQLException {
        // a cursor (fetch size) needs a transaction, and the snapshot must hold throughout
        PostgresSnapshot.run(c, () -> {
            String schema = scalar(c, "SELECT current_schema()");
            try (LogicalDump.Writer out = new LogicalDump.Writer(target, "postgresql")) {
                for (String f : list(c, "SELECT pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON "
                        + "n.oid = p.pronamespace WHERE n.nspname = current_schema() AND p.prokind = 'f' ORDER BY p.oid")) {
                    out.sql(f);
                }
                for (String seq : list(c, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON "
                        + "n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = current_schema() AND NOT "
                        + "EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i') ORDER BY 1")) {
                    out.sql("CREATE SEQUENCE " + q(schema) + "." + q(seq));
                }
                Map<String, List<String>> dataColumns = new LinkedHashMap<>();
                List<String> after = new ArrayList<>();
                for (String table : list(c, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON "
                        + "n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() "
                        + "ORDER BY c.oid")) {
                    String qualified = q(schema) + "." + q(table);
                    dataColumns.put(table, createTable(c, out, qualified));
                    for (String[] con : rows(c, "SELECT conname, pg_get_constraintdef(oid, true), contype FROM "
                            + "pg_constraint WHERE conrelid = ?::regclass ORDER BY contype, conname", qualified)) {
                        String add = "ALTER TABLE " + qualified + " ADD CONSTRAINT " + q(con[0]) + " " + con[1];
                        if (con[2].equals("f")) {
                            after.add(add);
                        } else {
                            out.sql(add);
                        }
                    }
                    after.addAll(list(c, "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = "
                            + "?::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = "
                            + "i.indexrelid) ORDER BY i.indexrelid", qualified));
                }
                long done = 0;
                for (Map.Entry<String, List<String>> t : dataColumns.entrySet()) {
                    try (Statement s = c.createStatement()) {
                        s.setFetchSize(FETCH);
                        String cols = String.join(", ", t.getValue().stream().map(BuiltinPostgresDump::q).toList());
                        try (ResultSet rs = s.executeQuery("SELECT " + cols + " FROM " + q(schema) + "."
                                + q(t.getKey()))) {
                            out.rows(t.getKey(), rs);
                        }
                    }
                    progress.accept(++done, (long) dataColumns.size() + 1);
                }
                for (String sql : after) {
                    out.sql(sql);
                }
                for (String seq : list(c, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON "
                        + "n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = current_schema() ORDER BY 1")) {
                    String[] pos = rows(c, "SELECT last_value::text, is_called::text FROM " + q(schema) + "." + q(seq),
                            null).get(0);
                    out.sql("SELECT setval('" + (q(schema) + "." + q(seq)).replace("'", "''") + "', " + pos[0] + ", "
                            + pos[1] + ")");
                }
                for (String[] v : rows(c, "SELECT c.relname, pg_get_viewdef(c.oid, true), c.relkind FROM pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND "
                        + "n.nspname = current_schema() ORDER BY c.oid", null)) {
                    out.sql("CREATE " + (v[2].equals("m") ? "MATERIALIZED VIEW " : "VIEW ") + q(schema) + "."
                            + q(v[0]) + " AS " + v[1]);
                }
                for (String trigger : list(c, "SELECT pg_get_triggerdef(t.oid, true) FROM pg_trigger t JOIN pg_class "
                        + "c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT "
                        + "t.tgisinternal AND n.nspname = current_schema() ORDER BY t.oid")) {
                    out.sql(trigger);
                }
                written = out.rowsWritten();
            }
        });
    }

    @Override
    public Optional<Map<String, Long>> rowCounts(Path copy, Collection<String> tables) {
        return Optional.of(written);
    }

    /** Writes the CREATE TABLE; returns the columns whose values are stored (not generated ones). */
    private static List<String> createTable(Connection c, LogicalDump.Writer out, String qualified)
            throws SQLException, IOException {
        List<String> defs = new ArrayList<>();
        List<String> stored = new ArrayList<>();
        for (String[] col : rows(c, "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text, "
                + "pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text FROM pg_attribute a "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = "
                + "?::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", qualified)) {
            StringBuilder def = new StringBuilder(q(col[0])).append(' ').append(col[1]);
            if ("s".equals(col[5])) {
                def.append(" GENERATED ALWAYS AS (").append(col[3]).append(") STORED");
            } else {
                stored.add(col[0]);
                if ("a".equals(col[4]) || "d".equals(col[4])) {
                    def.append(" GENERATED ").append("a".equals(col[4]) ? "ALWAYS" : "BY DEFAULT")
                            .append(" AS IDENTITY");
                } else if (col[3] != null) {
                    def.append(" DEFAULT ").append(col[3]);
                }
            }
            if ("true".equals(col[2])) {
                def.append(" NOT NULL");
            }
            defs.add(def.toString());
        }
        out.sql("CREATE TABLE " + qualified + " (" + String.join(", ", defs) + ")");
        return stored;
    }

    private static String q(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        return list(c, sql).get(0);
    }

    private static List<String> list(Connection c, String sql) throws SQLException {
        return list(c, sql, null);
    }

    private static List<String> list(Connection c, String sql, String parameter) throws SQLException {
        return rows(c, sql, parameter).stream().map(r -> r[0]).toList();
    }

    private static List<String[]> rows(Connection c, String sql, String parameter) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    @Override
    public String readable(Path file) {
        return LogicalDump.readable(file);
    }

    /** Empties the schema (drop and make it again), then replays the dump; all in one transaction. */
    @Override
    public void restore(Connection c, ConnectionSettings settings, Path source) throws IOException, SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            String schema = scalar(c, "SELECT current_schema()");
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + q(schema) + " CASCADE");
                s.execute("CREATE SCHEMA " + q(schema));
                s.execute("SET LOCAL search_path TO " + q(schema));
            }
            // text goes in untyped: the server reads each value as the column's own type, exactly as it wrote it
            LogicalDump.restore(source, c, BuiltinPostgresDump::q, (ps, i, v) -> ps.setObject(i, v, Types.OTHER),
                    "OVERRIDING SYSTEM VALUE ");
            c.commit();
        } catch (IOException | SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
