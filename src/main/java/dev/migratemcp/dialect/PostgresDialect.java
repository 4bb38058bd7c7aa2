package dev.migratemcp.dialect;

import com.zaxxer.hikari.HikariConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL: DDL is transactional, so each migration is one transaction. The migration lock is a session-level
 * advisory lock keyed by database, schema and history table: it survives commits and is dropped by the server when
 * the session ends, so a killed process never leaves it behind.
 */
final class PostgresDialect implements Dialect {

    private static final HistoryColumnTypes TYPES =
            new HistoryColumnTypes("BIGINT", "INTEGER", "VARCHAR(255)", "TEXT", "TIMESTAMPTZ", "TEXT",
                    "VARCHAR(128)", "VARCHAR");

    @Override
    public DatabaseKind kind() {
        return DatabaseKind.POSTGRESQL;
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public void configurePool(HikariConfig config, Duration lockTimeout) {
        config.addDataSourceProperty("ApplicationName", ProcessIdentity.applicationName());
        config.setMaximumPoolSize(2);
    }

    /**
     * The session setting that names the project's schema for the migration lock (see {@link #acquireLock}); a
     * custom setting, so it lives and dies with the session as the search path does.
     */
    private static final String LOCK_SCHEMA_SETTING = "migrate_mcp.lock_schema";

    /**
     * Flyway puts the schema in front of the session's search path rather than in its place, so that what the
     * scripts expect in {@code public} (an extension's types, say) is still found; done the same way here. The
     * session also remembers the schema for the lock, which must not depend on whether the schema exists yet.
     */
    @Override
    public void configureDefaultSchema(HikariConfig config, String schema) {
        config.setConnectionInitSql("SELECT set_config('search_path', quote_ident(" + literal(schema)
                + ") || ', ' || current_setting('search_path'), false), set_config('" + LOCK_SCHEMA_SETTING + "', "
                + literal(schema) + ", false)");
    }

    /**
     * A search path naming a schema that does not exist skips it, so the scripts would land in the next one: the
     * schema is made first, as Flyway makes the schemas it is given.
     */
    @Override
    public void createDefaultSchema(Connection connection, String schema) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    @Override
    public MigrationLock acquireLock(Connection connection, String historyTable, Duration timeout)
            throws SQLException, LockTimeoutException {
        String scope;
        // the project's schema when the session names one (configureDefaultSchema), else the current schema. Not
        // current_schema() alone: while a project's schema is still to be made it is the next one on the search
        // path, so a first run would lock one key and a run started once it had made the schema another, and both
        // would migrate at once
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database() || '.' || COALESCE(NULLIF(current_setting('"
                     + LOCK_SCHEMA_SETTING + "', true), ''), current_schema())")) {
            rs.next();
            scope = rs.getString(1) + "." + historyTable.toLowerCase(Locale.ROOT);
        }
        long key = LockKeys.advisoryKey(scope);
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 5;
        while (!tryLock(connection, key)) {
            if (System.nanoTime() >= deadline) {
                String holder = holder(connection, key);
                throw new LockTimeoutException("migration lock on " + scope + " not acquired within "
                        + timeout.toMillis() + " ms: held by " + holder, holder);
            }
            sleep(Math.min(pauseMillis, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            pauseMillis = Math.min(pauseMillis * 2, 100);
        }
        return () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            }
        };
    }

    private static boolean tryLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** A bigint advisory key shows in pg_locks split into classid (high half) and objid (low half). */
    private static String holder(Connection connection, long key) {
        String sql = "SELECT a.pid, a.usename, a.application_name, a.client_addr, a.backend_start "
                + "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ? "
                + "AND l.objsubid = 1";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, (key >>> 32) & 0xFFFFFFFFL);
            ps.setLong(2, key & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return "PostgreSQL session pid " + rs.getInt(1) + " (user " + rs.getString(2) + ", application '"
                            + rs.getString(3) + "', client " + rs.getString(4) + ", connected since "
                            + rs.getString(5) + ")";
                }
            }
        } catch (SQLException e) {
            return "another session (its details could not be read: " + e.getMessage() + ")";
        }
        return "another session (it released the lock just now)";
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the migration lock", e);
        }
    }

    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public HistoryColumnTypes historyColumnTypes() {
        return TYPES;
    }

    @Override
    public java.util.Map<String, String> sessionFacts(Connection connection) throws SQLException {
        return CatalogQueries.sessionFacts(connection, "SELECT current_user, current_database(), current_schema()");
    }

    @Override
    public boolean tableExists(Connection connection, String table) throws SQLException {
        // pg_catalog, not information_schema: every command asks this (and the columns below) of the history
        // table, and the information_schema views (privilege checks over every relation) took 1 to 6 ms a query
        // on a database of 1,000 tables, against well under one here. The same kinds of relation as those views list
        return CatalogQueries.any(connection, "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = lower(?) "
                + "AND c.relkind IN ('r', 'p', 'v', 'f')", table);
    }

    @Override
    public Set<String> columnNames(Connection connection, String table) throws SQLException {
        return CatalogQueries.lowerNames(connection, "SELECT a.attname FROM pg_catalog.pg_attribute a "
                + "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = lower(?) "
                + "AND c.relkind IN ('r', 'p', 'v', 'f') AND a.attnum > 0 AND NOT a.attisdropped", table);
    }

    @Override
    public boolean isTextColumn(Connection connection, String table, String column) throws SQLException {
        return CatalogQueries.any(connection, "SELECT 1 FROM information_schema.columns WHERE table_schema = "
                + "current_schema() AND table_name = lower('" + CatalogQueries.plain(table) + "') AND column_name = "
                + "lower(?) AND data_type IN ('character varying', 'character', 'text')", column);
    }

    @Override
    public void convertColumnToText(Connection connection, String table, String column, String textType)
            throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE " + textType + " USING "
                    + column + "::text");
        }
    }

    @Override
    public void bindTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setTimestamp(index, value == null ? null : Timestamp.from(value));
    }

    @Override
    public Instant readTimestamp(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    @Override
    public ScratchDatabase createScratch(dev.migratemcp.config.ConnectionSettings settings) throws SQLException {
        try {
            // WITH (FORCE) ends sessions a killed rehearsal may have left behind (PostgreSQL 13 and later)
            return ScratchDatabases.onServer(settings, " WITH (FORCE)");
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) {
                throw e;
            }
            // a role without CREATEDB, as application roles on managed servers often are, can usually still make a
            // schema in its own database: rehearse there instead
            return ScratchDatabases.postgresSchema(settings);
        }
    }

    /** 53100 disk_full. */
    @Override
    public boolean diskFull(SQLException e) {
        return "53100".equals(e.getSQLState());
    }

    @Override
    public boolean indexIsInvalid(Connection connection, String index) throws SQLException {
        return CatalogQueries.any(connection, "SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = lower(?) "
                + "AND NOT i.indisvalid", index);
    }

    @Override
    public boolean routineExists(Connection connection, String name) throws SQLException {
        return CatalogQueries.any(connection, "SELECT 1 FROM information_schema.routines "
                + "WHERE routine_schema = current_schema() AND routine_name = lower(?)", name);
    }

    @Override
    public boolean constraintExists(Connection connection, String table, String name) throws SQLException {
        return CatalogQueries.any(connection, "SELECT 1 FROM information_schema.table_constraints "
                + "WHERE constraint_schema = current_schema() AND table_name = lower(?) "
                + "AND constraint_name = lower(?)", table, name);
    }

    @Override
    public SchemaIntrospector introspector() {
        return new PostgresIntrospector();
    }
}
