package dev.migratemcp.engine;

import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.LockHolderMain;
import dev.migratemcp.testing.MigrationFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A migrate that waits on another process's migration run ends in lock_timeout naming that process, whatever state
 * the run is in. It used to end in connection_failed ("check the URL, user and password") whenever the holder's
 * transaction had written pages to the file (SQLite's exclusive lock): the pool's check of a new connection ran a
 * statement that needed a shared lock, so connecting waited out the busy timeout before the migration lock was even
 * asked for. The holder here is a real second process holding the lock in each state, each case tried a few times.
 */
class SqliteLockWaitTest {

    @TempDir
    Path dir;

    @Test
    void aMigrateWaitingOnAnotherRunEndsInLockTimeoutNamingIt() throws Exception {
        Path migrations = Files.createDirectory(dir.resolve("migrations"));
        new MigrationFiles(migrations).write(1, "t", null, "CREATE TABLE t (id INTEGER);", "DROP TABLE t;");
        String url = "jdbc:sqlite:" + dir.resolve("app.db");
        try (MigrationEngine first = engine(url, migrations)) {
            first.status(); // the file exists, as it does while a run is under way
        }
        for (String state : new String[]{"lock-only", "reserved", "exclusive"}) {
            Process holder = startHolder(url, state);
            try {
                for (int attempt = 1; attempt <= 3; attempt++) {
                    try (MigrationEngine engine = engine(url, migrations)) {
                        MigrateException e = assertThrows(MigrateException.class,
                                () -> engine.apply(null, false, ProgressListener.NONE));
                        String context = state + ", attempt " + attempt + ": " + e.getMessage();
                        assertEquals(ErrorCode.LOCK_TIMEOUT, e.code(), context);
                        String named = (String) e.error().details().get("holder");
                        assertTrue(named.contains("pid " + holder.pid()), context + " / holder: " + named);
                    }
                }
                try (MigrationEngine engine = engine(url, migrations)) {
                    if (state.equals("exclusive")) {
                        // readers are kept out too: status waits, and then names the run that keeps it so
                        MigrateException e = assertThrows(MigrateException.class, engine::status);
                        assertEquals(ErrorCode.LOCK_TIMEOUT, e.code(), e.getMessage());
                        String named = (String) e.error().details().get("holder");
                        assertTrue(named.contains("pid " + holder.pid()), "status: " + named);
                    } else {
                        assertEquals(0, engine.status().appliedCount(), state + ": status reads while it waits");
                    }
                }
            } finally {
                holder.destroyForcibly().waitFor();
            }
        }
        try (MigrationEngine engine = engine(url, migrations)) {
            assertEquals("applied", engine.apply(null, false, ProgressListener.NONE).status(),
                    "once the holder is gone the lock is free");
        }
    }

    private static MigrationEngine engine(String url, Path migrations) {
        return new MigrationEngine(Config.resolve(new Config.Options(url, null, null, migrations.toString(), null,
                0.5, null, "never", null), Map.of()));
    }

    private static Process startHolder(String url, String state) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = state.equals("lock-only")
                ? new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), url)
                : new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), url, state);
        Process child = pb.redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("LOCKED")) {
            // skip what the child logs first
        }
        assertEquals("LOCKED", line, "the holder took the locks (" + state + ")");
        return child;
    }
}
