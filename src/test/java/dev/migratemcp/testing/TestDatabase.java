package dev.migratemcp.testing;

import dev.migratemcp.dialect.DatabaseKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A database of its own for one test: a SQLite file in a temp folder, a PostgreSQL schema or a MySQL database with a
 * random name. {@link #close()} drops it, so tests can run again and again on the same servers.
 */
public final class TestDatabase implements AutoCloseable {

    private final DatabaseKind kind;
    private final String jdbcUrl;
    private final String name;
    private final Path tempDir;
    private final String adminUrl;

    private TestDatabase(DatabaseKind kind, String jdbcUrl, String name, Path tempDir, String adminUrl) {
        this.kind = kind;
        this.jdbcUrl = jdbcUrl;
        this.name = name;
        this.tempDir = tempDir;
        this.adminUrl = adminUrl;
    }

    /** Creates a fresh database of the given kind, or skips the test (fails it under CI=true) when its server is down. */
    public static TestDatabase create(DatabaseKind kind) {
        return switch (kind) {
            case SQLITE -> sqlite();
            case POSTGRESQL -> postgres();
            case MYSQL -> mysql();
        };
    }

    private static String uniqueName() {
        return "mm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    private static TestDatabase sqlite() {
        try {
            Path dir = Files.createTempDirectory("migrate-mcp-test");
            Path file = dir.resolve("test.db");
            return new TestDatabase(DatabaseKind.SQLITE, "jdbc:sqlite:" + file, file.toString(), dir, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestDatabase postgres() {
        String admin = TestServers.postgresUrl();
        TestServers.requireReachable(DatabaseKind.POSTGRESQL, admin);
        String schema = uniqueName();
        execute(admin, "CREATE SCHEMA " + schema);
        String sep = admin.contains("?") ? "&" : "?";
        return new TestDatabase(DatabaseKind.POSTGRESQL, admin + sep + "currentSchema=" + schema, schema, null, admin);
    }

    private static TestDatabase mysql() {
        String admin = TestServers.mysqlUrl();
        TestServers.requireReachable(DatabaseKind.MYSQL, admin);
        String db = uniqueName();
        execute(admin, "CREATE DATABASE " + db);
        return new TestDatabase(DatabaseKind.MYSQL, TestServers.mysqlUrlFor(db), db, null, admin);
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "': " + e.getMessage(), e);
        }
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** A JDBC URL carrying its own credentials (the test servers use trust / empty passwords). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The SQLite file path, the PostgreSQL schema or the MySQL database name. */
    public String name() {
        return name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    @Override
    public void close() {
        switch (kind) {
            case SQLITE -> deleteTree(tempDir);
            case POSTGRESQL -> execute(adminUrl, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
            case MYSQL -> execute(adminUrl, "DROP DATABASE IF EXISTS " + name);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temp folder left behind is harmless
        }
    }

    @Override
    public String toString() {
        return kind.id();
    }
}
