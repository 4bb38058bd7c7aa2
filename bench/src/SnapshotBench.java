import dev.migratemcp.config.Config;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.schema.SchemaSnapshot;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Time to snapshot a schema of TABLES tables (each with 6 columns, a primary key, two indexes and a foreign key to
 * the previous table) in a warm process, through describe_schema.
 *
 * Usage: java -cp migrate-mcp.jar:classes SnapshotBench JDBC_URL TABLES [CALLS]
 */
public final class SnapshotBench {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int tables = Integer.parseInt(args[1]);
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        String timestamp = url.startsWith("jdbc:postgresql") ? "TIMESTAMP" : "DATETIME";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int i = 1; i <= tables; i++) {
                String fk = i == 1 ? "" : ", FOREIGN KEY (parent_id) REFERENCES s_" + (i - 1) + " (id) ON DELETE CASCADE";
                s.execute("CREATE TABLE s_" + i + " (id INTEGER NOT NULL PRIMARY KEY, parent_id INTEGER, "
                        + "name VARCHAR(100) NOT NULL, status VARCHAR(20) NOT NULL DEFAULT 'new', amount INTEGER, "
                        + "created_at " + timestamp + " NOT NULL DEFAULT CURRENT_TIMESTAMP" + fk + ")");
                s.execute("CREATE INDEX idx_s_" + i + "_name ON s_" + i + " (name)");
                s.execute("CREATE UNIQUE INDEX idx_s_" + i + "_status ON s_" + i + " (status, id)");
            }
            c.commit();
        }
        Config config = Config.resolve(new Config.Options(url, null, null, "bench/work/migrations", null, null),
                System.getenv());
        try (MigrationEngine engine = new MigrationEngine(config)) {
            SchemaSnapshot last = null;
            for (int i = 0; i < 3; i++) {
                last = engine.describeSchema(null);
            }
            long[] nanos = new long[calls];
            for (int i = 0; i < calls; i++) {
                long t = System.nanoTime();
                last = engine.describeSchema(null);
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            if (last.tables().size() != tables) {
                throw new IllegalStateException("expected " + tables + " tables, saw " + last.tables().size());
            }
            System.out.printf("%.1f %.1f%n", nanos[calls / 2] / 1e6, nanos[0] / 1e6);
        }
    }
}
