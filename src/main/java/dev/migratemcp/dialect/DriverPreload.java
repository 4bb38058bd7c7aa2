package dev.migratemcp.dialect;

import dev.migratemcp.config.Config;
import dev.migratemcp.config.DatabaseUrls;

import java.util.Map;

/**
 * Loads the JDBC driver of the database a run is about to use (for SQLite, its native library too) and the
 * connection pool's classes on a background thread, while the main thread is still parsing the command line.
 *
 * <p>On a cold JVM each of the two takes 0.1 to 0.15 s, and a short command (status, or a migrate with little to do)
 * would otherwise wait for one and then the other. The URL is read from the arguments or the environment the way the
 * command line will read it (not from the config file, which is not worth parsing twice: a wrong guess costs some
 * CPU on a spare thread); a URL that does not parse preloads nothing, and any failure here is left for the real
 * connection to report: this is only a head start.
 */
public final class DriverPreload {

    private DriverPreload() {
    }

    /** Starts the preload for the database named by {@code --url} (or {@code MIGRATE_MCP_URL}, or the default). */
    public static void start(String[] args, Map<String, String> env) {
        String url = urlArgument(args);
        if (url == null) {
            url = env.getOrDefault(Config.ENV_URL, Config.DEFAULT_URL);
        }
        DatabaseKind kind;
        try {
            kind = DatabaseUrls.parse(url, null, null).kind();
        } catch (IllegalArgumentException e) {
            return;
        }
        Thread thread = new Thread(() -> load(kind), "migrate-mcp-preload");
        thread.setDaemon(true);
        thread.start();
    }

    static String urlArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--url") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--url=")) {
                return args[i].substring("--url=".length());
            }
        }
        return null;
    }

    private static void load(DatabaseKind kind) {
        try {
            switch (kind) {
                case SQLITE -> {
                    Class.forName("org.sqlite.JDBC");
                    org.sqlite.SQLiteJDBCLoader.initialize();
                }
                case POSTGRESQL -> Class.forName("org.postgresql.Driver");
                case MYSQL -> Class.forName("com.mysql.cj.jdbc.Driver");
            }
            Class.forName("com.zaxxer.hikari.HikariDataSource");
            Class.forName("com.zaxxer.hikari.pool.HikariPool");
        } catch (Exception | LinkageError e) {
            // the connection made for real will meet the same problem and say what it is
        }
    }
}
