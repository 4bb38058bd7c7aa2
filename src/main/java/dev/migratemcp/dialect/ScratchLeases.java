package dev.migratemcp.dialect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Every throwaway database (or PostgreSQL schema) migrate-mcp makes on a server is leased by the session that makes
 * it: that session takes a server-side lock named after it before creating it and keeps it until the object is
 * dropped, and the server frees the lock when the session ends, however its process ended (SIGKILL included; a
 * killed client's statement still running keeps the session, and so the lease, until it ends). A later command can
 * so tell the leftovers of processes that are gone from those of live ones: it drops an object only when its lease
 * is free and no session is connected to it (the second test covers a session the server closed while its process
 * still works in the scratch database, or a scratch made by a version without leases).
 *
 * <p>MySQL's named locks ({@code GET_LOCK}) are server-wide. PostgreSQL's advisory locks belong to the database the
 * session is connected to, so a lease is looked for in {@code pg_locks} across every database rather than taken.
 */
final class ScratchLeases {

    private static final Logger LOG = LoggerFactory.getLogger(ScratchLeases.class);

    private ScratchLeases() {
    }

    /** The lease on the object {@code name}, held by the connection's session until closed. */
    static AutoCloseable hold(Connection c, DatabaseKind kind, String name) throws SQLException {
        switch (kind) {
            case MYSQL -> {
                if (!mysqlTryLock(c, name)) {
                    throw new SQLException("the lease on " + name + " is held by another session");
                }
                return () -> mysqlRelease(c, name);
            }
            case POSTGRESQL -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                    ps.setLong(1, postgresKey(name));
                    ps.execute();
                }
                return () -> {
                    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                        ps.setLong(1, postgresKey(name));
                        ps.execute();
                    }
                };
            }
            default -> {
                return () -> { };
            }
        }
    }

    /**
     * Drops the objects whose names start with {@code prefix} that no live session leases or is connected to and
     * that {@code needed} does not keep; returns their names. One that cannot be dropped (another user's, say) is left and logged.
     * PostgreSQL drops databases only outside a transaction, so a connection inside one drops nothing.
     */
    static List<String> dropAbandoned(Connection c, DatabaseKind kind, String prefix, Dialect.StillNeeded needed)
            throws SQLException {
        List<String> dropped = new ArrayList<>();
        String like = prefix.replace("_", "\\_") + "%";
        switch (kind) {
            case MYSQL -> {
                for (String name : names(c, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME "
                        + "LIKE ?", like)) {
                    // taking the lease (not only asking whether it is free) keeps two cleanups from racing
                    if (!mysqlTryLock(c, name)) {
                        continue;
                    }
                    try {
                        if (!needed.test(name) && !CatalogQueries.any(c, "SELECT 1 FROM "
                                + "information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()", name)) {
                            drop(c, "DROP DATABASE `" + name.replace("`", "``") + "`", name, dropped);
                        }
                    } finally {
                        mysqlRelease(c, name);
                    }
                }
            }
            case POSTGRESQL -> {
                if (!c.getAutoCommit()) {
                    return dropped;
                }
                for (String name : names(c, "SELECT datname FROM pg_database WHERE datname LIKE ?", like)) {
                    if (!postgresLeased(c, name) && !needed.test(name) && !CatalogQueries.any(c,
                            "SELECT 1 FROM pg_stat_activity WHERE datname = ?", name)) {
                        drop(c, "DROP DATABASE " + quoted(name), name, dropped);
                    }
                }
                for (String name : names(c, "SELECT nspname FROM pg_namespace WHERE nspname LIKE ?", like)) {
                    if (!postgresLeased(c, name) && !needed.test(name)) {
                        drop(c, "DROP SCHEMA " + quoted(name) + " CASCADE", name, dropped);
                    }
                }
            }
            default -> {
                // SQLite's scratch databases are files, leased by a file lock (SqliteScratchFiles)
            }
        }
        return dropped;
    }

    /** Drops one leftover; without IF EXISTS, so that one another cleanup dropped meanwhile is not counted. */
    private static void drop(Connection c, String sql, String name, List<String> dropped) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            dropped.add(name);
            LOG.info("dropped {}, left behind by a process that has ended", name);
        } catch (SQLException e) {
            if (List.of("3D000", "3F000").contains(e.getSQLState()) || e.getErrorCode() == 1008) {
                return; // gone already: another command's cleanup was first
            }
            // another user's leftover is theirs to drop: not a warning on every command of this one
            boolean notOurs = "42501".equals(e.getSQLState()) || e.getErrorCode() == 1044;
            if (notOurs) {
                LOG.debug("{} was left behind by a process that has ended, and this user may not drop it: {}", name,
                        e.getMessage());
            } else {
                LOG.warn("{} was left behind by a process that has ended, and cannot be dropped: {}", name,
                        e.getMessage());
            }
        }
    }

    private static List<String> names(Connection c, String sql, String parameter) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The lock name of a MySQL lease (at most 64 characters: the objects' names are short). */
    static String mysqlLockName(String name) {
        return LockKeys.name("lease:" + name, 64);
    }

    private static boolean mysqlTryLock(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            ps.setString(1, mysqlLockName(name));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    private static void mysqlRelease(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, mysqlLockName(name));
            ps.execute();
        }
    }

    static long postgresKey(String name) {
        return LockKeys.advisoryKey("lease:" + name);
    }

    /** Whether any session, connected to any database, holds or waits for the lease (see PostgresDialect#holder). */
    private static boolean postgresLeased(Connection c, String name) throws SQLException {
        long key = postgresKey(name);
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND "
                + "classid::bigint = ? AND objid::bigint = ? AND objsubid = 1")) {
            ps.setLong(1, (key >>> 32) & 0xFFFFFFFFL);
            ps.setLong(2, key & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
