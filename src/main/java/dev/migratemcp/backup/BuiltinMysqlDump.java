package dev.migratemcp.backup;

import dev.migratemcp.config.ConnectionSettings;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.dialect.Dialect;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import static dev.migratemcp.backup.CatalogRows.list;
import static dev.migratemcp.backup.CatalogRows.rows;
import static dev.migratemcp.backup.CatalogRows.scalar;

/**
 * MySQL/MariaDB without the dump tools: our logical dump over JDBC, rows read in one consistent-snapshot transaction.
 * Tables come from {@code SHOW CREATE TABLE} (columns, keys, indexes, checks and foreign keys exactly as the server
 * has them) and are loaded with foreign key checks off; then routines, views (each after the views it reads),
 * triggers and events from their {@code SHOW CREATE}, each replayed under the sql_mode it was made under.
 * <p>
 * Values are read so that they come back exactly: bytes (BIT, BINARY, BLOB, spatial values in the server's own
 * format, and text in a character set other than UTF-8 and ascii) as bytes; FLOAT widened to DOUBLE, whose text the server writes in full (its FLOAT text has 6 digits);
 * dates and times as the server's text, zero dates included; generated columns not at all. Replay runs under the
 * dump session's sql_mode without NO_ZERO_DATE and NO_ZERO_IN_DATE (so the zero dates the table holds load), with
 * NO_AUTO_VALUE_ON_ZERO (so a 0 in an AUTO_INCREMENT column stays 0) and ALLOW_INVALID_DATES (so a '2020-02-31' a
 * table took under that mode loads, where a strict mode refuses it and a lax one makes it a zero date), and on
 * MariaDB with its CHECK constraints off (so rows written with them off load), strictness kept: a value that does
 * not fit fails the restore instead of changing. The one value that cannot load so, an ENUM's error value under a
 * strict mode, refuses the backup when it is taken (see {@link MysqlUnwritableValues}). Names qualified with the database are written unqualified, so a dump
 * replays into any database.
 */
final class BuiltinMysqlDump implements BackupMethod {

    private static final Set<String> BYTES = Set.of("bit", "binary", "varbinary", "tinyblob", "blob", "mediumblob",
            "longblob", "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
            "geometrycollection", "geomcollection");
    private static final Set<String> TEMPORAL = Set.of("date", "datetime", "timestamp", "time", "year");
    private static final Set<String> TEXT = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext");
    /**
     * The character sets whose text the driver reads and writes exactly: UTF-8 and ascii. Text in any other is
     * written as its bytes. The driver decodes a column with Java's table for its character set, not the server's,
     * and the two differ (latin1's 0x81 reads as U+FFFD, ujis's 0x8FA2B7 as a full-width tilde the column refuses),
     * and even on the server a trip through Unicode is not always the identity (cp932's NEC and IBM duplicates come
     * back as other bytes for the same character), which the content hash, reading text as Unicode, would not see.
     */
    private static final Set<String> TEXT_CHARSETS = Set.of("utf8mb4", "utf8mb3", "utf8", "ascii");

    /** What the dump holds, read in the dump's own consistent snapshot, once {@link #create} has run. */
    private CopyFacts facts;

    @Override
    public String id() {
        return "builtin_logical_mysql";
    }

    @Override
    public String extension() {
        return ".jsonl.gz";
    }

    @Override
    public void create(Connection c, ConnectionSettings settings, Path target, BiConsumer<Long, Long> progress)
            throws IOException, SQLException {
        String database = scalar(c, "SELECT DATABASE()");
        List<String> tables = new ArrayList<>();
        List<String> views = new ArrayList<>();
        List<String> sequences = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        for (String[] t : rows(c, "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + "DATABASE() ORDER BY TABLE_NAME")) {
            switch (t[1]) {
                case "BASE TABLE" -> tables.add(t[0]);
                case "VIEW" -> views.add(t[0]);
                case "SEQUENCE" -> sequences.add(t[0]);
                default -> unsupported.add(t[1].toLowerCase(java.util.Locale.ROOT) + " table " + t[0]);
            }
        }
        if (!unsupported.isEmpty()) {
            throw new DumpRefusedException("the builtin dump cannot carry " + String.join(", ", unsupported),
                    "Back this database up with mariadb-dump or mysqldump: put it on the PATH and do not choose the "
                            + "builtin method (--backup-method); or pass --backup-before never to go on without a "
                            + "backup.");
        }
        SessionState session = SessionState.save(c);
        boolean autoCommit = c.getAutoCommit();
        try (LogicalDump.Writer out = new LogicalDump.Writer(target, "mysql")) {
            // the dump reads without ANSI_QUOTES, so every SHOW CREATE quotes names with backticks
            String mode = without(session.sqlMode(), "ANSI_QUOTES");
            String replay = with(without(mode, "NO_ZERO_DATE", "NO_ZERO_IN_DATE"), "NO_AUTO_VALUE_ON_ZERO",
                    "ALLOW_INVALID_DATES");
            boolean mariadb = c.getMetaData().getDatabaseProductVersion().contains("MariaDB");
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = " + literal(mode));
                s.execute("SET SESSION time_zone = '+00:00'");
            }
            out.sql("SET SESSION sql_mode = " + literal(replay));
            out.sql("SET SESSION time_zone = '+00:00'");
            out.sql("SET FOREIGN_KEY_CHECKS = 0");
            if (mariadb) {
                // rows a table holds against its CHECK (written with the checks off) load as they are
                out.sql("SET SESSION check_constraint_checks = 0");
            }
            for (String table : tables) {
                out.sql(showCreate(c, "TABLE", table, 2));
            }
            for (String sequence : sequences) {
                out.sql(showCreate(c, "SEQUENCE", sequence, 2));
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            }
            List<String> unwritable = MysqlUnwritableValues.find(c, tables, replay);
            if (!unwritable.isEmpty()) {
                throw new DumpRefusedException("the builtin dump cannot write back every value as it is: "
                        + String.join("; ", unwritable), "Set each row named to a value of the column's list (or "
                        + "NULL), or back this database up with mariadb-dump or mysqldump (their restore is not "
                        + "strict, so the value comes back as it is).");
            }
            long done = 0;
            for (String table : tables) {
                List<LogicalDump.Column> columns = new ArrayList<>();
                List<String> reads = new ArrayList<>();
                for (String[] col : rows(c, "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_SET_NAME FROM "
                        + "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND EXTRA NOT "
                        + "LIKE '%VIRTUAL GENERATED%' AND EXTRA NOT LIKE '%STORED GENERATED%' ORDER BY "
                        + "ORDINAL_POSITION", table)) {
                    String type = col[1].toLowerCase(java.util.Locale.ROOT);
                    boolean foreignText = TEXT.contains(type) && col[2] != null && !TEXT_CHARSETS.contains(col[2]);
                    columns.add(new LogicalDump.Column(col[0], BYTES.contains(type) || foreignText));
                    reads.add(foreignText ? "CAST(" + quote(col[0]) + " AS BINARY)" : read(quote(col[0]), type));
                }
                // streaming result: the driver hands over rows one at a time instead of loading the table
                try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    s.setFetchSize(Integer.MIN_VALUE);
                    try (ResultSet rs = s.executeQuery("SELECT " + String.join(", ", reads) + " FROM "
                            + quote(table))) {
                        out.rows(table, columns, rs);
                    }
                }
                progress.accept(++done, (long) tables.size() + 1);
            }
            for (String sequence : sequences) {
                out.sql("SELECT SETVAL(" + quote(sequence) + ", " + scalar(c, "SELECT next_not_cached_value FROM "
                        + quote(sequence)) + ", 0)");
            }
            out.sql("SET FOREIGN_KEY_CHECKS = 1");
            if (mariadb) {
                out.sql("SET SESSION check_constraint_checks = 1");
            }
            for (String[] r : rows(c, "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE "
                    + "ROUTINE_SCHEMA = DATABASE() ORDER BY ROUTINE_TYPE, ROUTINE_NAME")) {
                out.sql("DROP " + r[0] + " IF EXISTS " + quote(r[1]));
                underMode(out, c, database, r[0], r[1], replay);
            }
            Map<String, String> viewDefinitions = views(c, database, views);
            for (String view : viewsInOrder(viewDefinitions)) {
                out.sql(viewDefinitions.get(view));
            }
            for (String trigger : list(c, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA "
                    + "= DATABASE() ORDER BY EVENT_OBJECT_TABLE, EVENT_MANIPULATION, ACTION_TIMING, ACTION_ORDER")) {
                underMode(out, c, database, "TRIGGER", trigger, replay);
            }
            for (String[] e : rows(c, "SHOW EVENTS")) {
                // SHOW CREATE EVENT: Event, sql_mode, time_zone, Create Event: the event's times are in its zone
                String[] show = showCreateRow(c, "EVENT", e[1]);
                out.sql("DROP EVENT IF EXISTS " + quote(e[1]));
                out.sql("SET SESSION time_zone = " + literal(show[2]));
                out.sql("SET SESSION sql_mode = " + literal(show[1]));
                out.sql(unqualified(required(show[3], "EVENT", e[1]), database));
                out.sql("SET SESSION sql_mode = " + literal(replay));
                out.sql("SET SESSION time_zone = '+00:00'");
            }
            facts = CopyFacts.of(c, Dialect.of(DatabaseKind.MYSQL));
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("COMMIT");
            }
            c.setAutoCommit(autoCommit);
            session.restore(c);
        }
    }

    /** How a column is read so its value comes back exactly. */
    private static String read(String column, String type) {
        if (type.equals("float")) {
            // the server writes a FLOAT with 6 significant digits; as a DOUBLE, with every digit it has
            return column + " + 0e0";
        }
        if (TEMPORAL.contains(type)) {
            // the server's own text: fractional seconds as declared, zero dates as stored
            return "CAST(" + column + " AS CHAR)";
        }
        return column;
    }

    /**
     * A routine or trigger (SHOW CREATE gives name, sql_mode, statement), made under the sql_mode it was made under,
     * then the replay's mode again.
     */
    private static void underMode(LogicalDump.Writer out, Connection c, String database, String kind, String name,
                                  String replay) throws SQLException, IOException {
        String[] show = showCreateRow(c, kind, name);
        out.sql("SET SESSION sql_mode = " + literal(show[1]));
        out.sql(unqualified(required(show[2], kind, name), database));
        out.sql("SET SESSION sql_mode = " + literal(replay));
    }

    private static String required(String statement, String kind, String name) throws SQLException {
        if (statement == null) {
            throw new SQLException("the server shows no definition of " + kind.toLowerCase(java.util.Locale.ROOT)
                    + " " + name + " to this user (it needs the privileges to see it)");
        }
        return statement;
    }

    /** Each view's CREATE statement, its names unqualified. */
    private static Map<String, String> views(Connection c, String database, List<String> views) throws SQLException {
        Map<String, String> definitions = new LinkedHashMap<>();
        for (String view : views) {
            definitions.put(view, unqualified(showCreate(c, "VIEW", view, 2), database));
        }
        return definitions;
    }

    /**
     * Views after the views they read: one reads another when its definition names it (SHOW CREATE VIEW quotes every
     * name). A column of the same name as a view can only add an order that is not needed, or a cycle, which fails
     * the backup loudly.
     */
    private static List<String> viewsInOrder(Map<String, String> definitions) throws IOException {
        DependencyOrder<String> order = new DependencyOrder<>();
        for (String view : definitions.keySet()) {
            order.add(view, "view " + view);
        }
        for (Map.Entry<String, String> v : definitions.entrySet()) {
            for (String other : definitions.keySet()) {
                // the view's own name is in its definition too: the order ignores an object's need of itself
                if (v.getValue().contains(quote(other))) {
                    order.dependency(v.getKey(), other);
                }
            }
        }
        return order.order();
    }

    private static String showCreate(Connection c, String kind, String name, int column) throws SQLException {
        return required(showCreateRow(c, kind, name)[column - 1], kind, name);
    }

    private static String[] showCreateRow(Connection c, String kind, String name) throws SQLException {
        List<String[]> rows = rows(c, "SHOW CREATE " + kind + " " + quote(name));
        if (rows.isEmpty()) {
            throw new SQLException("SHOW CREATE " + kind + " " + name + " returned nothing");
        }
        return rows.get(0);
    }

    /**
     * The statement with every {@code `database`.} qualifier taken off (a name in the dumped database is a name in
     * the one it is replayed into); string literals are copied as they are.
     */
    static String unqualified(String sql, String database) {
        String qualifier = quote(database) + ".";
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '\'' || ch == '"') {
                int end = literalEnd(sql, i);
                out.append(sql, i, end);
                i = end;
            } else if (ch == '`') {
                if (sql.startsWith(qualifier, i)) {
                    i += qualifier.length();
                } else {
                    int end = sql.indexOf('`', i + 1);
                    while (end >= 0 && end + 1 < sql.length() && sql.charAt(end + 1) == '`') {
                        end = sql.indexOf('`', end + 2);
                    }
                    end = end < 0 ? sql.length() : end + 1;
                    out.append(sql, i, end);
                    i = end;
                }
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    /** The index just past a quoted literal starting at {@code start} (backslash escapes and doubled quotes). */
    private static int literalEnd(String sql, int start) {
        char quote = sql.charAt(start);
        int i = start + 1;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '\\') {
                i += 2;
            } else if (ch == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    @Override
    public Optional<CopyFacts> facts(Path copy) {
        return Optional.ofNullable(facts);
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String without(String mode, String... flags) {
        Set<String> out = new LinkedHashSet<>(Arrays.asList(mode.split(",")));
        out.removeAll(Set.of(flags));
        out.remove("");
        return String.join(",", out);
    }

    private static String with(String mode, String... flags) {
        Set<String> out = new LinkedHashSet<>(Arrays.asList(mode.split(",")));
        out.addAll(Arrays.asList(flags));
        out.remove("");
        return String.join(",", out);
    }

    /** The session settings a dump or a replay changes, put back afterwards: the connection goes back to a pool. */
    private record SessionState(String sqlMode, String timeZone, String foreignKeyChecks) {

        static SessionState save(Connection c) throws SQLException {
            String[] r = rows(c, "SELECT @@SESSION.sql_mode, @@SESSION.time_zone, @@SESSION.foreign_key_checks")
                    .get(0);
            return new SessionState(r[0], r[1], r[2]);
        }

        void restore(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION sql_mode = " + literal(sqlMode) + ", time_zone = " + literal(timeZone)
                        + ", foreign_key_checks = " + foreignKeyChecks);
            }
        }
    }

    @Override
    public String readable(Path file) {
        return LogicalDump.readable(file);
    }

    @Override
    public List<String> refusals(Connection c, BackupManifest m, Path file) throws SQLException {
        return MysqlSwap.refusals(c, m, file);
    }

    /** Replays the dump into the (empty) staging database a restore then swaps in, see {@link MysqlSwap}. */
    @Override
    public void restoreInto(Connection scratch, ConnectionSettings settings, Path source, BackupManifest m)
            throws IOException, SQLException {
        SessionState session = SessionState.save(scratch);
        try {
            LogicalDump.restore(source, scratch, BuiltinMysqlDump::quote, (ps, i, v) -> ps.setString(i, v), "");
        } finally {
            session.restore(scratch);
        }
    }

    @Override
    public void replace(Connection c, ConnectionSettings settings, Path source, BackupManifest m, Connection verified)
            throws SQLException {
        MysqlSwap.replace(c, verified);
    }
}
