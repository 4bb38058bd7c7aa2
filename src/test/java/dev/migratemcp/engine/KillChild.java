package dev.migratemcp.engine;

import dev.migratemcp.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Run in a child process by {@link KillTest}: migrates several databases at once, each from its own moment, until
 * the parent kills the process, so that one kill strikes each database at a different point.
 *
 * <p>Arguments: the migrations folder, then pairs of a JDBC URL and a delay in milliseconds. Prints READY once
 * every engine is connected and warm, then starts each migration after its delay, and prints MIGRATED and the
 * milliseconds it took as each one ends (the parent learns from a first, unkilled run how long they take).
 */
public final class KillChild {

    private KillChild() {
    }

    public static void main(String[] args) throws Exception {
        String migrations = args[0];
        List<MigrationEngine> engines = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            MigrationEngine engine = new MigrationEngine(Config.resolve(new Config.Options(args[i], null, null,
                    migrations, null, 30.0, null, "never", null), Map.of()));
            engine.status();
            engines.add(engine);
            delays.add(Long.parseLong(args[i + 1]));
        }
        long start = System.nanoTime();
        System.out.println("READY");
        System.out.flush();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < engines.size(); i++) {
            MigrationEngine engine = engines.get(i);
            long at = start + delays.get(i) * 1_000_000L;
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(Math.max(0, (at - System.nanoTime()) / 1_000_000L));
                    long began = System.nanoTime();
                    engine.apply(null, false, ProgressListener.NONE);
                    System.out.println("MIGRATED " + (System.nanoTime() - began) / 1_000_000L);
                    System.out.flush();
                } catch (Exception e) {
                    System.err.println("[kill child] " + e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("DONE");
        System.out.flush();
        Thread.sleep(60_000); // the parent kills us; never outlive it by much
    }
}
