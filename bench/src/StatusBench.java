import dev.migratemcp.config.Config;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.StatusReport;

import java.util.Arrays;

/**
 * status in a warm process: opens the engine on an already migrated database, warms up, then times calls.
 *
 * Usage: java -cp migrate-mcp.jar:classes StatusBench JDBC_URL MIGRATIONS_DIR [CALLS]
 */
public final class StatusBench {

    public static void main(String[] args) {
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Config config = Config.resolve(new Config.Options(args[0], null, null, args[1], null, null), System.getenv());
        try (MigrationEngine engine = new MigrationEngine(config)) {
            StatusReport last = null;
            for (int i = 0; i < 30; i++) {
                last = engine.status();
            }
            long[] nanos = new long[calls];
            for (int i = 0; i < calls; i++) {
                long t = System.nanoTime();
                last = engine.status();
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            System.out.printf("%.1f %.1f %d%n", nanos[calls / 2] / 1e6, nanos[(int) (calls * 0.95)] / 1e6,
                    last.appliedCount());
        }
    }
}
