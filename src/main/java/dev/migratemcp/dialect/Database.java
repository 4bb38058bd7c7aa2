package dev.migratemcp.dialect;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.migratemcp.config.ConnectionSettings;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** A connection pool to one database, with the dialect that speaks to it. */
public final class Database implements AutoCloseable {

    private final ConnectionSettings settings;
    private final Dialect dialect;
    private final HikariDataSource pool;

    private Database(ConnectionSettings settings, Dialect dialect, HikariDataSource pool) {
        this.settings = settings;
        this.dialect = dialect;
        this.pool = pool;
    }

    /**
     * Opens the pool lazily: no connection is made until the first {@link #connection()}, so a wrong URL is reported
     * by the operation that needed the database, as a result, not at start-up.
     */
    public static Database open(ConnectionSettings settings, Duration lockTimeout) {
        Dialect dialect = Dialect.of(settings.kind());
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
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        dialect.configurePool(config, lockTimeout);
        return new Database(settings, dialect, new HikariDataSource(config));
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public Dialect dialect() {
        return dialect;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        pool.close();
    }
}
