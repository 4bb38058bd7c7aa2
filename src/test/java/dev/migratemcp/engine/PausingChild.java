package dev.migratemcp.engine;

import dev.migratemcp.config.Config;
import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.Version;

import java.util.Map;

/**
 * Run in a child process by {@link KilledRunSnapshotsTest}: migrates one database and, as the migration of the
 * version given is about to start (every version before it committed, nothing of it begun), prints
 * {@code PAUSED <version>} and waits there for the parent to kill the process.
 *
 * <p>Arguments: the migrations folder, the JDBC URL, the version to pause before.
 */
public final class PausingChild {

    private PausingChild() {
    }

    public static void main(String[] args) throws Exception {
        Version pauseAt = Version.parse(args[2]);
        try (MigrationEngine engine = new MigrationEngine(Config.resolve(new Config.Options(args[1], null, null,
                args[0], null, 30.0, null, "never", null), Map.of()))) {
            engine.apply(null, false, new ProgressListener() {
                @Override
                public void migrationStarted(Version version, String description, Direction direction, int position,
                                             int planSize) {
                    if (version.equals(pauseAt)) {
                        System.out.println("PAUSED " + version);
                        System.out.flush();
                        try {
                            Thread.sleep(120_000); // the parent kills us here; never outlive it by much
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        System.exit(3);
                    }
                }
            });
        }
        System.out.println("FINISHED"); // the pause was never reached: the parent fails the test
        System.out.flush();
    }
}
