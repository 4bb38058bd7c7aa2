package dev.migratemcp.dialect;

import dev.migratemcp.config.ConnectionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** How each kind of database makes a scratch database (see {@link Dialect#createScratch}). */
final class ScratchDatabases {

    private static final Logger LOG = LoggerFactory.getLogger(ScratchDatabases.class);

    private ScratchDatabases() {
    }

    static final String PREFIX = "migrate_mcp_scratch_";

    static String uniqueName() {
        return PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static ScratchDatabase sqlite() throws SQLException {
        return SqliteScratchFiles.create();
    }

    /**
     * A new database beside the configured one, reached by the same URL with the database name swapped (and, for
     * PostgreSQL, without a currentSchema the new database would not have). The leftovers of processes that have
     * ended are dropped first.
     */
    static ScratchDatabase onServer(ConnectionSettings settings, String dropSuffix) throws SQLException {
        String name = uniqueName();
        Connection keeper = leased(settings, name, "CREATE DATABASE " + name);
        String url = withDatabase(settings.jdbcUrl(), name);
        ConnectionSettings scratch = new ConnectionSettings(settings.kind(), url, settings.user(), settings.password());
        return new ScratchDatabase(scratch, () -> dropAndRelease(keeper, "DROP DATABASE IF EXISTS " + name
                + dropSuffix));
    }

    /**
     * A new schema in the configured PostgreSQL database, reached by the same URL with currentSchema set to it alone
     * (so that nothing of the real schema is visible to the rehearsal), dropped with everything in it afterwards.
     */
    static ScratchDatabase postgresSchema(ConnectionSettings settings) throws SQLException {
        String name = uniqueName();
        Connection keeper = leased(settings, name, "CREATE SCHEMA " + name);
        String url = withDatabase(settings.jdbcUrl(), databaseOf(settings.jdbcUrl()));
        url += (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
        ConnectionSettings scratch = new ConnectionSettings(settings.kind(), url, settings.user(), settings.password());
        return new ScratchDatabase(scratch, () -> dropAndRelease(keeper, "DROP SCHEMA IF EXISTS " + name
                + " CASCADE"), true);
    }

    /**
     * A session of its own that drops the leftovers of ended processes, takes the lease on {@code name} (see
     * {@link ScratchLeases}) and then runs {@code create}; it keeps the lease until the scratch is dropped.
     */
    private static Connection leased(ConnectionSettings settings, String name, String create) throws SQLException {
        Connection keeper = connect(settings);
        try {
            dropAbandoned(keeper, settings.kind());
            ScratchLeases.hold(keeper, settings.kind(), name);
            try (Statement s = keeper.createStatement()) {
                s.execute(create);
            }
            return keeper;
        } catch (SQLException | RuntimeException e) {
            try {
                keeper.close(); // ends the session, and its lease with it
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Drops the scratch databases (and schemas) of ended processes; a failure only leaves them for next time. */
    static List<String> dropAbandoned(Connection c, DatabaseKind kind) {
        try {
            return ScratchLeases.dropAbandoned(c, kind, PREFIX, name -> false);
        } catch (SQLException e) {
            LOG.warn("could not look for scratch databases left behind by ended processes: {}", e.getMessage());
            return List.of();
        }
    }

    /** Drops the scratch on its keeper's session, then ends that session, which frees the lease. */
    private static void dropAndRelease(Connection keeper, String drop) throws SQLException {
        try (keeper; Statement s = keeper.createStatement()) {
            s.execute(drop);
        }
    }

    /** The database name of jdbc:kind://host:port/db?params. */
    static String databaseOf(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        int slash = base.indexOf('/', base.indexOf("//") + 2);
        return slash < 0 ? "" : base.substring(slash + 1);
    }

    private static Connection connect(ConnectionSettings settings) throws SQLException {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        return DriverManager.getConnection(settings.jdbcUrl(), props);
    }

    /** jdbc:kind://host:port/db?params -> the same with another database and no currentSchema parameter. */
    static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query + 1);
        int hostStart = base.indexOf("//") + 2;
        int slash = base.indexOf('/', hostStart);
        String server = slash < 0 ? base : base.substring(0, slash);
        StringBuilder kept = new StringBuilder();
        for (String p : params.split("&")) {
            if (!p.isEmpty() && !p.toLowerCase(java.util.Locale.ROOT).startsWith("currentschema=")) {
                kept.append(kept.length() == 0 ? "?" : "&").append(p);
            }
        }
        return server + "/" + database + kept;
    }
}
