package dev.migratemcp.dialect;

import dev.migratemcp.schema.Normalise;
import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.schema.SchemaSnapshot.ColumnInfo;
import dev.migratemcp.schema.SnapshotBuilder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLite's schema through its table-valued pragmas joined to {@code sqlite_master}: one query per kind of object,
 * whatever the number of tables. Types are the declared ones (SQLite keeps what was written), normalised.
 */
final class SqliteIntrospector implements SchemaIntrospector {

    private static final Pattern PARTIAL_WHERE = Pattern.compile("(?is)\\)\\s*WHERE\\s+(.*)$");
    /** The table option after the column list's closing parenthesis, alone or beside STRICT. */
    private static final Pattern WITHOUT_ROWID = Pattern.compile(
            "(?is)\\)\\s*(STRICT\\s*,\\s*)?WITHOUT\\s+ROWID\\s*(,\\s*STRICT\\s*)?;?\\s*$");
    /** A key's trailing sort order, which index_xinfo reports. */
    private static final Pattern SORT_ORDER = Pattern.compile("(?i)\\s+(ASC|DESC)\\s*$");
    /** STRICT after the column list's closing parenthesis, alone or beside WITHOUT ROWID. */
    private static final Pattern STRICT = Pattern.compile(
            "(?is)\\)\\s*(WITHOUT\\s+ROWID\\s*,\\s*)?STRICT\\s*(,\\s*WITHOUT\\s+ROWID\\s*)?;?\\s*$");

    @Override
    public SchemaSnapshot snapshot(Connection c, Set<String> excludedTables) throws SQLException {
        SnapshotBuilder b = new SnapshotBuilder(excludedTables);
        try (Statement s = c.createStatement()) {
            readColumns(s, b, null);
            readIndexes(s, b, null);
            readForeignKeys(s, b, null);
            readChecks(s, b, null);
            try (ResultSet rs = s.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master "
                    + "WHERE type IN ('view', 'trigger')")) {
                while (rs.next()) {
                    if (rs.getString(1).equals("view")) {
                        b.view(rs.getString(2), rs.getString(4));
                    } else {
                        b.trigger(rs.getString(2), rs.getString(3), rs.getString(4));
                    }
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
            // "REFERENCES parent" without columns is resolved through the parent's primary key: read the parents'
            // columns too, and hand back only the tables asked for
            Set<String> withParents = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            withParents.addAll(names);
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT fk.\"table\" FROM sqlite_master m "
                    + "JOIN pragma_foreign_key_list(m.name) fk WHERE m.type = 'table' AND "
                    + CatalogQueries.nameIn("m.name", names))) {
                while (rs.next()) {
                    if (rs.getString(1).matches("[A-Za-z0-9_$]+")) {
                        withParents.add(rs.getString(1));
                    }
                }
            }
            readColumns(s, b, withParents);
            readIndexes(s, b, names);
            readForeignKeys(s, b, names);
            readChecks(s, b, names);
        }
        return b.build().tables().stream().filter(t -> names.stream().anyMatch(t.name()::equalsIgnoreCase))
                .toList();
    }

    /** CHECK constraints, read from the CREATE TABLE statements that have any (SQLite has no pragma for them). */
    private static void readChecks(Statement s, SnapshotBuilder b, Set<String> only) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                + "AND name NOT LIKE 'sqlite_%' AND sql LIKE '%check%'" + CatalogQueries.restrict("name", only))) {
            while (rs.next()) {
                for (String[] check : new SqliteColumnDefinitions(rs.getString(2)).checks()) {
                    b.check(rs.getString(1), check[0], check[1]);
                }
            }
        }
    }

    /** @param only the tables to read, or null for all of them */
    private static void readColumns(Statement s, SnapshotBuilder b, Set<String> only) throws SQLException {
        // table_xinfo, unlike table_info, also lists generated columns (hidden 2 and 3); hidden 1 is a virtual
        // table's hidden column, not part of the schema a migration writes
        String sql = "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden, "
                + "CASE WHEN p.hidden IN (2, 3) THEN m.sql END, "
                // only a table whose text might say WITHOUT ROWID, STRICT or AUTOINCREMENT hands its text over, to
                // be read exactly
                + "CASE WHEN p.pk > 0 AND (m.sql LIKE '%without%rowid%' OR m.sql LIKE '%strict%' "
                + "OR m.sql LIKE '%autoincrement%') THEN m.sql END "
                + "FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p "
                + "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND p.hidden <> 1" + CatalogQueries.restrict("m.name", only)
                + " ORDER BY m.name, p.cid";
        // rows are grouped by table: a table's columns are added once its primary key is known to have one column
        List<Object[]> table = new ArrayList<>();
        String current = null;
        String keyText = null;
        SqliteColumnDefinitions definitions = null;
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (!name.equals(current)) {
                    addColumns(b, current, table, keyText);
                    table.clear();
                    current = name;
                    definitions = null;
                    keyText = null;
                }
                if (rs.getString(9) != null) {
                    keyText = rs.getString(9);
                }
                int hidden = rs.getInt(7);
                String generated = null;
                if (hidden == 2 || hidden == 3) {
                    // only tables with generated columns pay for reading their CREATE statement
                    if (definitions == null) {
                        definitions = new SqliteColumnDefinitions(rs.getString(8));
                    }
                    String expression = definitions.generatedExpression(rs.getString(2));
                    generated = (expression == null ? "" : expression + " ") + (hidden == 3 ? "STORED" : "VIRTUAL");
                }
                table.add(new Object[]{rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getInt(6),
                        generated});
            }
        }
        addColumns(b, current, table, keyText);
    }

    /**
     * A table's columns. The rowid alias, which SQLite numbers itself, is a table's only primary key column declared
     * exactly {@code INTEGER} in a table with a rowid: {@code INT PRIMARY KEY}, though its type reads the same, is an
     * ordinary column that SQLite does not number, and so is any key of a {@code WITHOUT ROWID} table. Only the
     * rowid alias may say {@code AUTOINCREMENT}. A primary-key column accepts NULL unless it is declared NOT NULL, is
     * the rowid alias, or is in a {@code WITHOUT ROWID} or {@code STRICT} table (SQLite's long-standing quirk).
     *
     * @param keyText the table's CREATE statement when it might name one of those options, else null
     */
    private static void addColumns(SnapshotBuilder b, String table, List<Object[]> columns, String keyText) {
        if (table == null) {
            return;
        }
        boolean withoutRowid = keyText != null && WITHOUT_ROWID.matcher(keyText).find();
        boolean strict = keyText != null && STRICT.matcher(keyText).find();
        long keyColumns = columns.stream().filter(c -> (int) c[4] > 0).count();
        for (Object[] c : columns) {
            String type = Normalise.type((String) c[1]);
            int pk = (int) c[4];
            boolean rowid = pk == 1 && keyColumns == 1 && !withoutRowid && c[1] != null
                    && ((String) c[1]).trim().equalsIgnoreCase("integer");
            boolean nullable = (int) c[2] == 0 && !rowid && !(pk > 0 && (withoutRowid || strict));
            // AUTOINCREMENT is allowed on the rowid alias alone, so the keyword outside quotes is this column's
            boolean autoincrement = rowid && keyText != null && SqliteColumnDefinitions.saysAutoincrement(keyText);
            b.column(table, new ColumnInfo((String) c[0], type, nullable, Normalise.defaultValue((String) c[3], type),
                    rowid, (String) c[5], null, null, null, null, null, autoincrement));
            if (pk > 0) {
                b.primaryKeyColumn(table, pk, (String) c[0]);
            }
        }
    }

    /**
     * Indexes with their keys in order; an expression key is read from the CREATE INDEX statement (the pragmas give
     * it no name), so that {@code lower(name)} changed to {@code upper(name)} is a change.
     */
    private static void readIndexes(Statement s, SnapshotBuilder b, Set<String> only) throws SQLException {
        Map<String, String> partial = new HashMap<>();
        Map<String, List<String>> keys = new HashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT m.name, m.sql FROM sqlite_master m WHERE m.type = 'index' "
                + "AND m.sql IS NOT NULL" + CatalogQueries.restrict("m.tbl_name", only))) {
            while (rs.next()) {
                Matcher m = PARTIAL_WHERE.matcher(rs.getString(2));
                if (m.find()) {
                    partial.put(rs.getString(1), Normalise.definition(m.group(1)));
                }
                keys.put(rs.getString(1), new SqliteColumnDefinitions(rs.getString(2)).terms());
            }
        }
        // index_xinfo, unlike index_info, says which keys sort downwards; key = 0 rows are the rowid it carries
        String sql = "SELECT m.name, il.name, il.\"unique\", il.origin, ii.seqno, ii.name, ii.cid, ii.\"desc\" "
                + "FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_xinfo(il.name) ii "
                + "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND il.origin <> 'pk' AND ii.key = 1" + CatalogQueries.restrict("m.name", only)
                + " ORDER BY m.name, il.name, ii.seqno";
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String index = rs.getString(2);
                String column = rs.getString(6) != null ? rs.getString(6)
                        : expressionKey(keys.get(index), rs.getInt(5), rs.getInt(7));
                b.indexColumn(rs.getString(1), index, rs.getInt(3) == 1, partial.get(index), rs.getInt(5) + 1,
                        Normalise.indexKey(column, rs.getInt(8) == 1));
            }
        }
    }

    /** The normalised expression of key {@code seqno} as its CREATE INDEX wrote it, without its sort order. */
    private static String expressionKey(List<String> terms, int seqno, int cid) {
        if (terms == null || seqno >= terms.size()) {
            return "(expression " + cid + ")";
        }
        return Normalise.expression(SORT_ORDER.matcher(terms.get(seqno)).replaceFirst(""));
    }

    private static void readForeignKeys(Statement s, SnapshotBuilder b, Set<String> only) throws SQLException {
        String sql = "SELECT m.name, fk.id, fk.seq, fk.\"from\", fk.\"table\", fk.\"to\", fk.on_delete, fk.on_update "
                + "FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) fk "
                + "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'" + CatalogQueries.restrict("m.name", only)
                + " ORDER BY m.name, fk.id, fk.seq";
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String referenced = rs.getString(5);
                String to = rs.getString(6);
                int seq = rs.getInt(3);
                if (to == null) {
                    // "REFERENCES parent" without columns means the parent's primary key
                    List<String> pk = b.primaryKeyOf(referenced);
                    to = seq < pk.size() ? pk.get(seq) : "?";
                }
                b.foreignKeyColumn(rs.getString(1), "fk" + rs.getInt(2), seq + 1, rs.getString(4), referenced, to,
                        Normalise.action(rs.getString(7)), Normalise.action(rs.getString(8)));
            }
        }
    }

    @Override
    public String ownSchema(Connection c) {
        return "main";
    }
}
