package dev.migratemcp.dialect;

import com.zaxxer.hikari.HikariConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MySQL and MariaDB: DDL commits implicitly, so a migration cannot be one transaction; the engine records progress
 * after each statement instead. The migration lock is a named user lock ({@code GET_LOCK}) held by the session and
 * released by the server when the session ends.
 */
final class MysqlDialect implements Dialect {

    private static final DateTimeFormatter UTC_TEXT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final HistoryColumnTypes TYPES =
            new HistoryColumnTypes("BIGINT", "INT", "VARCHAR(255)", "TEXT", "DATETIME(3)", "LONGTEXT",
                    "VARCHAR(128)", "CHAR");
    /** MySQL refuses lock names longer than this. */
    private static final int MAX_LOCK_NAME = 64;

    @Override
    public String ownTableOptions() {
        // a server whose default engine is MyISAM would make a history that cannot commit with the statements
        return " ENGINE=InnoDB";
    }

    @Override
    public StorageEngines storageEngines(Connection connection) throws SQLException {
        Map<String, Boolean> engines = new HashMap<>();
        String defaultEngine = "innodb";
        Map<String, String> tables = new HashMap<>();
        try (Statement s = connection.createStatement()) {
            // SUPPORT NO engines are listed too (a table cannot use them); TRANSACTIONS is NULL for those
            try (ResultSet rs = s.executeQuery("SELECT ENGINE, TRANSACTIONS FROM information_schema.ENGINES")) {
                while (rs.next()) {
                    engines.put(rs.getString(1).toLowerCase(Locale.ROOT), "YES".equalsIgnoreCase(rs.getString(2)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT @@default_storage_engine")) {
                if (rs.next() && rs.getString(1) != null) {
                    defaultEngine = rs.getString(1).toLowerCase(Locale.ROOT);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT t.TABLE_NAME, t.ENGINE FROM information_schema.TABLES t "
                    + "JOIN information_schema.ENGINES e ON e.ENGINE = t.ENGINE "
                    + "WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' "
                    + "AND COALESCE(e.TRANSACTIONS, 'NO') <> 'YES'")) {
                while (rs.next()) {
                    tables.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
                }
            }
        }
        return new StorageEngines(engines, defaultEngine, tables);
    }

    @Override
    public DatabaseKind kind() {
        return DatabaseKind.MYSQL;
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public void configurePool(HikariConfig config, Duration lockTimeout) {
        config.addDataSourceProperty("connectionAttributes", "program_name:migrate-mcp");
        config.setMaximumPoolSize(2);
    }

    @Override
    public MigrationLock acquireLock(Connection connection, String historyTable, Duration timeout)
            throws SQLException, LockTimeoutException {
        String scope;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
            rs.next();
            scope = rs.getString(1) + "." + historyTable.toLowerCase(Locale.ROOT);
        }
        String name = LockKeys.name(scope, MAX_LOCK_NAME);
        long seconds = Math.max(0, (timeout.toMillis() + 999) / 1000);
        try (PreparedStatement ps = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            ps.setString(1, name);
            ps.setLong(2, seconds);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != 1) {
                    String holder = holder(connection, name);
                    throw new LockTimeoutException("migration lock on " + scope + " not acquired within "
                            + timeout.toMillis() + " ms: held by " + holder, holder);
                }
            }
        }
        return () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                ps.setString(1, name);
                ps.execute();
            }
        };
    }

    private static String holder(Connection connection, String lockName) {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT p.ID, p.USER, p.HOST, p.TIME FROM information_schema.PROCESSLIST p WHERE p.ID = IS_USED_LOCK(?)")) {
            ps.setString(1, lockName);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return "MySQL connection " + rs.getLong(1) + " (user " + rs.getString(2) + " from "
                            + rs.getString(3) + ", connected " + rs.getLong(4) + " s)";
                }
            }
        } catch (SQLException e) {
            return "another connection (its details could not be read: " + e.getMessage() + ")";
        }
        return "another connection (it released the lock just now)";
    }

    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    public HistoryColumnTypes historyColumnTypes() {
        return TYPES;
    }

    @Override
    public java.util.Map<String, String> sessionFacts(Connection connection) throws SQLException {
        // Flyway's user is USER() without its host; MySQL's schema is its database
        return CatalogQueries.sessionFacts(connection, "SELECT SUBSTRING_INDEX(USER(), '@', 1), DATABASE(), "
                + "DATABASE()");
    }

    @Override
    public boolean tableExists(Connection connection, String table) throws SQLException {
        return CatalogQueries.any(connection, "SELECT 1 FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND lower(TABLE_NAME) = lower(?)", table);
    }

    @Override
    public Set<String> columnNames(Connection connection, String table) throws SQLException {
        return CatalogQueries.lowerNames(connection, "SELECT COLUMN_NAME FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND lower(TABLE_NAME) = lower(?)", table);
    }

    @Override
    public boolean isTextColumn(Connection connection, String table, String column) throws SQLException {
        return CatalogQueries.any(connection, "SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                + "DATABASE() AND lower(TABLE_NAME) = lower('" + CatalogQueries.plain(table) + "') AND "
                + "lower(COLUMN_NAME) = lower(?) AND DATA_TYPE IN ('varchar', 'char', 'text')", column);
    }

    /** One ALTER: MySQL commits it by itself, and InnoDB applies it whole or not at all. */
    @Override
    public void convertColumnToText(Connection connection, String table, String column, String textType)
            throws SQLException {
        boolean nullable = CatalogQueries.any(connection, "SELECT 1 FROM information_schema.COLUMNS WHERE "
                + "TABLE_SCHEMA = DATABASE() AND lower(TABLE_NAME) = lower('" + CatalogQueries.plain(table) + "') "
                + "AND lower(COLUMN_NAME) = lower(?) AND IS_NULLABLE = 'YES'", column);
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER TABLE " + table + " MODIFY COLUMN " + column + " " + textType
                    + (nullable ? " NULL" : " NOT NULL"));
        }
    }

    /**
     * Written as UTC text rather than through {@code setTimestamp}: Connector/J drops the fraction of a second when
     * it takes MariaDB's "5.5.5-" version prefix for an old server, and text also keeps the JVM's zone out of it.
     */
    @Override
    public void bindTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setString(index, value == null ? null : UTC_TEXT.format(value));
    }

    @Override
    public Instant readTimestamp(ResultSet rs, String column) throws SQLException {
        return Timestamps.parse(rs.getString(column));
    }

    @Override
    public ScratchDatabase createScratch(dev.migratemcp.config.ConnectionSettings settings) throws SQLException {
        return ScratchDatabases.onServer(settings, "");
    }

    /**
     * Every statement but plain data changes and session settings commits implicitly on MySQL (DDL, CALL, LOCK,
     * ...). Only the first word is read, after any comments, and anything not known to be a data change counts
     * as committing by itself: its start is then noted first, which is safe for any statement.
     */
    @Override
    public boolean commitsImplicitly(String sql) {
        return !TRANSACTIONAL_FIRST_WORDS.contains(firstWord(sql));
    }

    private static final Set<String> TRANSACTIONAL_FIRST_WORDS =
            Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "SELECT", "WITH", "DO", "SET", "VALUES", "TABLE");

    static String firstWord(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            if (Character.isWhitespace(ch) || ch == '(') {
                i++;
            } else if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || ch == '#') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (ch == '/' && i + 2 < n && sql.charAt(i + 1) == '*' && sql.charAt(i + 2) != '!') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }

    /** ER_DISK_FULL (1021), ER_RECORD_FILE_FULL (1114: "The table is full"), or errno 28 (no space left). */
    @Override
    public boolean diskFull(SQLException e) {
        return e.getErrorCode() == 1021 || e.getErrorCode() == 1114 || e.getMessage() != null
                && e.getMessage().contains("errno: 28");
    }

    @Override
    public boolean routineExists(Connection connection, String name) throws SQLException {
        return CatalogQueries.any(connection, "SELECT 1 FROM information_schema.ROUTINES "
                + "WHERE ROUTINE_SCHEMA = DATABASE() AND lower(ROUTINE_NAME) = lower(?)", name);
    }

    @Override
    public boolean constraintExists(Connection connection, String table, String name) throws SQLException {
        return CatalogQueries.any(connection, "SELECT 1 FROM information_schema.TABLE_CONSTRAINTS "
                + "WHERE CONSTRAINT_SCHEMA = DATABASE() AND lower(TABLE_NAME) = lower(?) "
                + "AND lower(CONSTRAINT_NAME) = lower(?)", table, name);
    }

    @Override
    public SchemaIntrospector introspector() {
        return new MysqlIntrospector();
    }
}
