package dev.migratemcp.dialect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.migratemcp.config.ConnectionSettings;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A connection pool to one database, with the dialect that speaks to it. The pool is made on first use, so a wrong
 * URL or a server that is down is reported by the operation that needed it (as a result, at once), and a long-lived
 * server can try again later instead of failing at start-up.
 */
public final class Database implements AutoCloseable {

    private final ConnectionSettings settings;
    private final Dialect dialect;
    private final Duration lockTimeout;
    private final boolean readOnly;
    private final String defaultSchema;
    private HikariDataSource pool;
    private boolean closed;

    private Database(ConnectionSettings settings, Dialect dialect, Duration lockTimeout, boolean readOnly,
                     String defaultSchema) {
        this.settings = settings;
        this.dialect = dialect;
        this.lockTimeout = lockTimeout;
        this.readOnly = readOnly;
        this.defaultSchema = defaultSchema;
    }

    public static Database open(ConnectionSettings settings, Duration lockTimeout) {
        return open(settings, lockTimeout, false);
    }

    /**
     * @param readOnly connections that cannot write where the database can promise it (SQLite opens its file
     *                 read-only, so a missing file is refused, not created)
     */
    public static Database open(ConnectionSettings settings, Duration lockTimeout, boolean readOnly) {
        return open(settings, lockTimeout, readOnly, null);
    }

    /**
     * @param defaultSchema the session's schema a Flyway project names ({@code defaultSchema}, else the first of
     *                      {@code schemas}; see {@link Dialect#configureDefaultSchema}); null: the URL's
     */
    public static Database open(ConnectionSettings settings, Duration lockTimeout, boolean readOnly,
                                String defaultSchema) {
        return new Database(settings, Dialect.of(settings.kind()), lockTimeout, readOnly, defaultSchema);
    }

    /** The session's schema a Flyway project names, or null (see {@link #open(ConnectionSettings, Duration, boolean, String)}). */
    public String defaultSchema() {
        return defaultSchema;
    }

    public Connection connection() throws SQLException {
        return pool().getConnection();
    }

    private synchronized HikariDataSource pool() throws SQLException {
        if (closed) {
            throw new SQLException("the database handle is closed");
        }
        if (pool == null) {
            try {
                pool = new HikariDataSource(poolConfig());
            } catch (HikariPool.PoolInitializationException e) {
                Throwable cause = e.getCause();
                SQLException failure = cause instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
                throw readOnly ? dialect.explainReadOnlyOpenFailure(failure) : failure;
            }
        }
        return pool;
    }

    private HikariConfig poolConfig() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("migrate-mcp");
        config.setJdbcUrl(settings.jdbcUrl());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMinimumIdle(0);
        config.setConnectionTimeout(10_000);
        // try the first connection once and fail at once: a person or an agent is waiting for the answer
        config.setInitializationFailTimeout(1);
        config.setAutoCommit(true);
        dialect.configurePool(config, lockTimeout);
        if (defaultSchema != null) {
            dialect.configureDefaultSchema(config, defaultSchema);
        }
        if (readOnly) {
            dialect.configureReadOnly(config);
        }
        return config;
    }

    public Dialect dialect() {
        return dialect;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
        }
    }
}
