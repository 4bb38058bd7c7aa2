package dev.migratemcp.dialect;

import dev.migratemcp.config.ConnectionSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/** How each kind of database makes a scratch database (see {@link Dialect#createScratch}). */
final class ScratchDatabases {

    private ScratchDatabases() {
    }

    static String uniqueName() {
        return "migrate_mcp_scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static ScratchDatabase sqlite() throws SQLException {
        try {
            Path dir = Files.createTempDirectory("migrate-mcp-scratch");
            Path file = dir.resolve("scratch.db");
            return new ScratchDatabase(new ConnectionSettings(DatabaseKind.SQLITE, "jdbc:sqlite:" + file, null, null),
                    () -> deleteTree(dir));
        } catch (IOException e) {
            throw new SQLException("cannot make a scratch SQLite file: " + e.getMessage(), e);
        }
    }

    /**
     * A new database beside the configured one, reached by the same URL with the database name swapped (and, for
     * PostgreSQL, without a currentSchema the new database would not have).
     */
    static ScratchDatabase onServer(ConnectionSettings settings, String dropSuffix) throws SQLException {
        String name = uniqueName();
        execute(settings, "CREATE DATABASE " + name);
        String url = withDatabase(settings.jdbcUrl(), name);
        ConnectionSettings scratch = new ConnectionSettings(settings.kind(), url, settings.user(), settings.password());
        return new ScratchDatabase(scratch, () -> execute(settings, "DROP DATABASE IF EXISTS " + name + dropSuffix));
    }

    /**
     * A new schema in the configured PostgreSQL database, reached by the same URL with currentSchema set to it alone
     * (so that nothing of the real schema is visible to the rehearsal), dropped with everything in it afterwards.
     */
    static ScratchDatabase postgresSchema(ConnectionSettings settings) throws SQLException {
        String name = uniqueName();
        execute(settings, "CREATE SCHEMA " + name);
        String url = withDatabase(settings.jdbcUrl(), databaseOf(settings.jdbcUrl()));
        url += (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
        ConnectionSettings scratch = new ConnectionSettings(settings.kind(), url, settings.user(), settings.password());
        return new ScratchDatabase(scratch, () -> execute(settings, "DROP SCHEMA IF EXISTS " + name + " CASCADE"),
                true);
    }

    /** The database name of jdbc:kind://host:port/db?params. */
    static String databaseOf(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        int slash = base.indexOf('/', base.indexOf("//") + 2);
        return slash < 0 ? "" : base.substring(slash + 1);
    }

    private static void execute(ConnectionSettings settings, String sql) throws SQLException {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), props); Statement s = c.createStatement()) {
            s.execute(sql);
        }
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

    private static void deleteTree(Path dir) throws SQLException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new SQLException("cannot delete the scratch folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
