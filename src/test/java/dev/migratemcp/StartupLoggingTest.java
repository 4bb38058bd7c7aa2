package dev.migratemcp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * slf4j reads its settings once, when the first logger is made, and the preload thread makes the pool's loggers as
 * it loads the pool's classes. The settings must therefore be in place before that thread exists, whichever thread
 * runs first; this runs the start-up in a fresh JVM (slf4j is started once per JVM) and lets the preload finish
 * before looking.
 */
class StartupLoggingTest {

    @Test
    void thePreloadThreadFindsLoggingAlreadySetUp(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StartupMain.class.getName(), "--url", "jdbc:sqlite:" + dir.resolve("x.db"), "status");
        pb.environment().remove("MIGRATE_MCP_LOG_LEVEL");
        Process child = pb.start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child finished");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), err);
        // our settings: the pool's own log off, ours at warn; slf4j's defaults would say info for both
        assertEquals("pool info false, ours info false", out, err);
        assertTrue(err.isEmpty(), "nothing on stderr: " + err);
    }

    /** The start-up of {@link Main}, then what slf4j was set up with once the preload thread is done. */
    public static final class StartupMain {
        public static void main(String[] args) throws InterruptedException, IOException {
            Main.headStart(args);
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("migrate-mcp-preload")) {
                    t.join();
                }
            }
            System.out.println("pool info " + LoggerFactory.getLogger("com.zaxxer.hikari.pool.HikariPool").isInfoEnabled()
                    + ", ours info " + LoggerFactory.getLogger("dev.migratemcp.engine.MigrationEngine").isInfoEnabled());
        }
    }
}
