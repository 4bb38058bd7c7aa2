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
import java.util.Locale;
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
            new HistoryColumnTypes("BIGINT", "INT", "VARCHAR(255)", "TEXT", "DATETIME(3)", "LONGTEXT");
    /** MySQL refuses lock names longer than this. */
    private static final int MAX_LOCK_NAME = 64;

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
    public boolean tableExists(Connection connection, String table) throws SQLException {
        return CatalogQueries.any(connection, "SELECT 1 FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND lower(TABLE_NAME) = lower(?)", table);
    }

    @Override
    public Set<String> columnNames(Connection connection, String table) throws SQLException {
        return CatalogQueries.lowerNames(connection, "SELECT COLUMN_NAME FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND lower(TABLE_NAME) = lower(?)", table);
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

    @Override
    public SchemaIntrospector introspector() {
        return new MysqlIntrospector();
    }
}
