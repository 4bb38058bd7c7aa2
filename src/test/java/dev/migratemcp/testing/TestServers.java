package dev.migratemcp.testing;

import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the PostgreSQL and MySQL/MariaDB test servers are, and whether they answer. URLs come from
 * MIGRATE_MCP_TEST_PG_URL and MIGRATE_MCP_TEST_MYSQL_URL, with loopback defaults. A server that does not answer skips
 * its tests with a message on stderr, except under CI=true, where it fails them.
 */
public final class TestServers {

    private static final Map<String, String> UNREACHABLE = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> CHECKED = new ConcurrentHashMap<>();

    private TestServers() {
    }

    public static String postgresUrl() {
        return env("MIGRATE_MCP_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    }

    public static String mysqlUrl() {
        return env("MIGRATE_MCP_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/test?user=root&password=");
    }

    /** The PostgreSQL URL pointed at another database on the same server. */
    public static String postgresUrlFor(String database) {
        String url = postgresUrl();
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        String hostPart = slash < 0 ? base : base.substring(0, slash);
        return hostPart + "/" + database + params;
    }

    /** The MySQL URL pointed at another database on the same server. */
    public static String mysqlUrlFor(String database) {
        String url = mysqlUrl();
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', "jdbc:mysql://".length());
        String hostPart = slash < 0 ? base : base.substring(0, slash);
        return hostPart + "/" + database + params;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or under CI fails) the calling test when the server behind {@code url} does not answer. */
    public static void requireReachable(DatabaseKind kind, String url) {
        CHECKED.computeIfAbsent(url, u -> {
            try (Connection c = DriverManager.getConnection(u)) {
                c.isValid(5);
            } catch (Exception e) {
                UNREACHABLE.put(u, e.getMessage());
                System.err.println("[migrate-mcp tests] " + kind + " server not reachable (" + e.getMessage()
                        + "): its tests are " + (isCi() ? "FAILING (CI=true)" : "SKIPPED"));
            }
            return true;
        });
        String problem = UNREACHABLE.get(url);
        if (problem == null) {
            return;
        }
        if (isCi()) {
            throw new AssertionError(kind + " test server unreachable under CI=true: " + problem);
        }
        Assumptions.abort(kind + " test server unreachable, test skipped: " + problem);
    }
}
