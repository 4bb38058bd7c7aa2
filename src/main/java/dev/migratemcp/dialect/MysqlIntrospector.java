package dev.migratemcp.dialect;

import dev.migratemcp.schema.Normalise;
import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.schema.SchemaSnapshot.ColumnInfo;
import dev.migratemcp.schema.SchemaSnapshot.SequenceInfo;
import dev.migratemcp.schema.SnapshotBuilder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MySQL's and MariaDB's schema from information_schema, limited to the current database: one query per kind of
 * object. The two servers report defaults differently (MariaDB quotes string defaults and says 'NULL' for none), so
 * defaults are read through one normalisation; view definitions and routine bodies lose the database-name qualifier
 * MySQL adds.
 */
final class MysqlIntrospector implements SchemaIntrospector {

    private static final String HERE = "TABLE_SCHEMA = DATABASE()";

    @Override
    public SchemaSnapshot snapshot(Connection c, Set<String> excludedTables) throws SQLException {
        SnapshotBuilder b = new SnapshotBuilder(excludedTables);
        String database;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
                rs.next();
                database = rs.getString(1);
            }
            readColumns(s, b, null);
            readIndexes(s, b, null);
            readForeignKeys(s, b, null);
            readChecks(s, b, mariadb(c), null);
            readTableAttributes(s, b, null);
            readRoutines(s, b, database);
            if (mariadb(c)) {
                readSequences(s, b);
            }
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE "
                    + HERE)) {
                while (rs.next()) {
                    b.view(rs.getString(1), withoutDatabase(rs.getString(2), database));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, "
                    + "EVENT_MANIPULATION, ACTION_STATEMENT FROM information_schema.TRIGGERS "
                    + "WHERE TRIGGER_SCHEMA = DATABASE()")) {
                while (rs.next()) {
                    b.trigger(rs.getString(1), rs.getString(2), rs.getString(3) + " " + rs.getString(4) + " "
                            + withoutDatabase(rs.getString(5), database));
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
            readColumns(s, b, names);
            readIndexes(s, b, names);
            readForeignKeys(s, b, names);
            readChecks(s, b, mariadb(c), names);
            readTableAttributes(s, b, names);
        }
        return b.build().tables();
    }

    /**
     * MariaDB's sequences with their options and comments. information_schema has no options of sequences (MariaDB
     * 10.x), so they are read from the sequences themselves, all of them in one UNION query: two queries whatever
     * their number.
     */
    private static void readSequences(Statement s, SnapshotBuilder b) throws SQLException {
        List<String[]> sequences = new java.util.ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME, TABLE_COMMENT FROM information_schema.TABLES WHERE "
                + HERE + " AND TABLE_TYPE = 'SEQUENCE' ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                sequences.add(new String[]{rs.getString(1), emptyAsNull(rs.getString(2))});
            }
        }
        if (sequences.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < sequences.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(", start_value, increment, "
                    + "minimum_value, maximum_value, cache_size, cycle_option FROM `")
                    .append(sequences.get(i)[0].replace("`", "``")).append('`');
        }
        try (ResultSet rs = s.executeQuery(sql.toString())) {
            while (rs.next()) {
                String[] q = sequences.get(rs.getInt(1));
                b.sequence(new SequenceInfo(q[0], "bigint", rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getBoolean(7), q[1]));
            }
        }
    }

    private static boolean mariadb(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductVersion().contains("MariaDB");
    }

    private static String withoutDatabase(String sql, String database) {
        return sql == null ? null : sql.replace("`" + database + "`.", "");
    }

    /** @param only the tables to read, or null for all of them (so for each read below) */
    private static void readColumns(Statement s, SnapshotBuilder b, Set<String> only) throws SQLException {
        String sql = "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE, c.COLUMN_DEFAULT, c.EXTRA, "
                + "c.DATA_TYPE, c.GENERATION_EXPRESSION, c.COLLATION_NAME, c.CHARACTER_SET_NAME, c.COLUMN_COMMENT "
                + "FROM information_schema.COLUMNS c JOIN information_schema.TABLES t "
                + "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
                + "WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'"
                + CatalogQueries.restrict("c.TABLE_NAME", only) + " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String type = Normalise.type(rs.getString(3));
                String extra = rs.getString(6) == null ? "" : rs.getString(6).toLowerCase(Locale.ROOT);
                boolean auto = extra.contains("auto_increment");
                String generated = generated(rs.getString(8), extra);
                b.column(rs.getString(1), new ColumnInfo(rs.getString(2), type, "YES".equals(rs.getString(4)),
                        auto || generated != null ? null : normaliseDefault(rs.getString(5), type, rs.getString(7)),
                        auto, generated, rs.getString(9), rs.getString(10), onUpdate(extra, type),
                        emptyAsNull(rs.getString(11))));
            }
        }
    }

    /**
     * MySQL and MariaDB say {@code VIRTUAL GENERATED} or {@code STORED GENERATED} (older MariaDB PERSISTENT for
     * stored); MySQL's {@code DEFAULT_GENERATED} is an expression default, not a generated column.
     */
    private static String generated(String expression, String extra) {
        boolean stored = extra.contains("stored generated") || extra.contains("persistent");
        if (expression == null || expression.isBlank() || !stored && !extra.contains("virtual")) {
            return null;
        }
        return Normalise.expression(expression) + (stored ? " STORED" : " VIRTUAL");
    }

    /** MySQL writes {@code on update CURRENT_TIMESTAMP}, MariaDB {@code on update current_timestamp()}. */
    private static String onUpdate(String extra, String type) {
        int at = extra.indexOf("on update ");
        return at < 0 ? null : Normalise.defaultValue(extra.substring(at + "on update ".length()).trim(), type);
    }

    /**
     * CHECK constraints with their tables. MariaDB names them per table (and lists the table in CHECK_CONSTRAINTS);
     * MySQL names them per database and lists the table only in TABLE_CONSTRAINTS. MariaDB's own json_valid checks on
     * JSON columns are listed too: they are part of what the migration made.
     */
    private static void readChecks(Statement s, SnapshotBuilder b, boolean mariadb, Set<String> only)
            throws SQLException {
        String sql = mariadb
                ? "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
                        + "WHERE CONSTRAINT_SCHEMA = DATABASE()" + CatalogQueries.restrict("TABLE_NAME", only)
                : "SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS "
                        + "tc JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = "
                        + "tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
                        + "WHERE tc.CONSTRAINT_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK'"
                        + CatalogQueries.restrict("tc.TABLE_NAME", only);
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                b.check(rs.getString(1), rs.getString(2), rs.getString(3));
            }
        }
    }

    private static String emptyAsNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * Table comments, and partitioning as {@code RANGE (expression): p0 VALUES LESS THAN (10), p1 ...} (LIST: VALUES
     * IN; HASH and KEY: the partitions' names), both from one query per kind.
     */
    private static void readTableAttributes(Statement s, SnapshotBuilder b, Set<String> only) throws SQLException {
        List<String> partitioned = new java.util.ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME, TABLE_COMMENT, CREATE_OPTIONS FROM "
                + "information_schema.TABLES WHERE " + HERE + " AND TABLE_TYPE = 'BASE TABLE' AND (TABLE_COMMENT <> '' "
                + "OR CREATE_OPTIONS LIKE '%partitioned%')" + CatalogQueries.restrict("TABLE_NAME", only))) {
            while (rs.next()) {
                b.tableComment(rs.getString(1), rs.getString(2));
                if (rs.getString(3) != null && rs.getString(3).toLowerCase(Locale.ROOT).contains("partitioned")) {
                    partitioned.add(rs.getString(1));
                }
            }
        }
        if (partitioned.isEmpty()) {
            return; // PARTITIONS is asked only about partitioned tables: it reads each table it lists
        }
        java.util.Map<String, StringBuilder> partitioning = new java.util.TreeMap<>();
        String sql = "SELECT TABLE_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, PARTITION_NAME, PARTITION_DESCRIPTION "
                + "FROM information_schema.PARTITIONS WHERE " + HERE + " AND PARTITION_NAME IS NOT NULL AND TABLE_NAME IN ("
                + String.join(", ", java.util.Collections.nCopies(partitioned.size(), "?"))
                + ") ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION";
        try (java.sql.PreparedStatement ps = s.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < partitioned.size(); i++) {
                ps.setString(i + 1, partitioned.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String method = rs.getString(2);
                    StringBuilder p = partitioning.get(rs.getString(1));
                    if (p == null) {
                        p = new StringBuilder(method).append(" (").append(Normalise.expression(rs.getString(3)))
                                .append("):");
                        partitioning.put(rs.getString(1), p);
                    } else {
                        p.append(',');
                    }
                    p.append(' ').append(rs.getString(4));
                    if (method.startsWith("RANGE")) {
                        p.append(" VALUES LESS THAN (").append(rs.getString(5)).append(')');
                    } else if (method.startsWith("LIST")) {
                        p.append(" VALUES IN (").append(rs.getString(5)).append(')');
                    }
                }
            }
        }
        partitioning.forEach((table, p) -> b.partitioning(table, p.toString()));
    }

    /**
     * Functions and procedures: signature from PARAMETERS (one query for all), body hash of ROUTINE_DEFINITION with
     * white space collapsed and the database's name taken out, as for views; options DETERMINISTIC, data access and
     * SQL SECURITY; the comment.
     */
    private static void readRoutines(Statement s, SnapshotBuilder b, String database) throws SQLException {
        java.util.Map<String, List<String>> parameters = new java.util.HashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT SPECIFIC_NAME, ROUTINE_TYPE, PARAMETER_MODE, PARAMETER_NAME, "
                + "DTD_IDENTIFIER FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = DATABASE() "
                + "AND ORDINAL_POSITION > 0 ORDER BY SPECIFIC_NAME, ORDINAL_POSITION")) {
            while (rs.next()) {
                String mode = rs.getString(3);
                parameters.computeIfAbsent(rs.getString(2) + " " + rs.getString(1), k -> new java.util.ArrayList<>())
                        .add((mode == null || mode.equals("IN") ? "" : mode + " ") + rs.getString(4) + " "
                                + Normalise.type(rs.getString(5)));
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT SPECIFIC_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_BODY, "
                + "ROUTINE_DEFINITION, IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, ROUTINE_COMMENT "
                + "FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String kind = rs.getString(2).toLowerCase(Locale.ROOT);
                String returns = rs.getString(3);
                b.routine(new SchemaSnapshot.RoutineInfo(name + "(" + String.join(", ", parameters.getOrDefault(
                        rs.getString(2) + " " + name, List.of())) + ")", kind,
                        returns == null ? null : Normalise.type(returns),
                        rs.getString(4).toLowerCase(Locale.ROOT),
                        Normalise.bodyHash(withoutDatabase(rs.getString(5), database)),
                        ("YES".equals(rs.getString(6)) ? "DETERMINISTIC " : "NOT DETERMINISTIC ") + rs.getString(7)
                                + " SQL SECURITY " + rs.getString(8), emptyAsNull(rs.getString(9))));
            }
        }
    }

    /** MySQL 8 reports a string default bare ({@code stopped}), MariaDB quoted ({@code 'stopped'}): quote both. */
    private static String normaliseDefault(String raw, String type, String dataType) {
        if (raw == null) {
            return null;
        }
        String d = Normalise.defaultValue(raw, type);
        if (d == null) {
            return null;
        }
        boolean textual = dataType != null && dataType.toLowerCase(Locale.ROOT).matches(".*(char|text|enum|set)");
        if (textual && !d.startsWith("'")) {
            d = "'" + d.replace("'", "''") + "'";
        }
        return d;
    }

    private static void readIndexes(Statement s, SnapshotBuilder b, Set<String> only) throws SQLException {
        String sql = "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, SUB_PART, COLLATION, "
                + "INDEX_TYPE, INDEX_COMMENT FROM information_schema.STATISTICS WHERE " + HERE
                + " AND INDEX_NAME <> 'PRIMARY'"
                + CatalogQueries.restrict("TABLE_NAME", only);
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String column = rs.getString(5);
                long prefix = rs.getLong(6);
                if (!rs.wasNull()) {
                    column = column + "(" + prefix + ")";
                }
                b.indexColumn(rs.getString(1), rs.getString(2), rs.getInt(3) == 0, null, rs.getString(8),
                        rs.getInt(4), Normalise.indexKey(column, "D".equals(rs.getString(7))));
                b.indexComment(rs.getString(1), rs.getString(2), rs.getString(9));
            }
        }
        String pk = "SELECT TABLE_NAME, SEQ_IN_INDEX, COLUMN_NAME FROM information_schema.STATISTICS WHERE " + HERE
                + " AND INDEX_NAME = 'PRIMARY'" + CatalogQueries.restrict("TABLE_NAME", only);
        try (ResultSet rs = s.executeQuery(pk)) {
            while (rs.next()) {
                b.primaryKeyColumn(rs.getString(1), rs.getInt(2), rs.getString(3));
            }
        }
    }

    /**
     * InnoDB treats RESTRICT and NO ACTION alike (both check at once), and MySQL and MariaDB report RESTRICT for a key
     * declared with neither; read as NO ACTION, the same migration reads the same here as on PostgreSQL and SQLite.
     */
    private static String action(String rule) {
        String action = Normalise.action(rule);
        return action.equals("RESTRICT") ? "NO ACTION" : action;
    }

    private static void readForeignKeys(Statement s, SnapshotBuilder b, Set<String> only) throws SQLException {
        String sql = "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION, k.COLUMN_NAME, "
                + "k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE, r.UPDATE_RULE "
                + "FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
                + "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
                + "AND r.TABLE_NAME = k.TABLE_NAME "
                + "WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL"
                + CatalogQueries.restrict("k.TABLE_NAME", only);
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                b.foreignKeyColumn(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), action(rs.getString(7)), action(rs.getString(8)));
            }
        }
    }

    @Override
    public String ownSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
