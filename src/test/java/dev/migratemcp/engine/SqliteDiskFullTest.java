package dev.migratemcp.engine;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.config.Config;
import dev.migratemcp.testing.MigrationFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A full disk is told as such (disk_full), and the history says what failed. The disk is a 1 MiB tmpfs made for
 * the test (it needs root, or skips saying so), never the real one.
 */
class SqliteDiskFullTest {

    @TempDir
    Path dir;

    @Test
    void aFullDiskIsReportedAsSuchAndRecorded() throws Exception {
        Path disk = Files.createDirectory(dir.resolve("disk"));
        Path migrations = Files.createDirectory(dir.resolve("migrations"));
        MigrationFiles files = new MigrationFiles(migrations);
        files.write(1, "blobs", null, "CREATE TABLE blobs (id INTEGER PRIMARY KEY, payload TEXT);", null);
        files.write(2, "fill", null, "INSERT INTO blobs (payload) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
                + "SELECT x + 1 FROM c WHERE x < 20000) SELECT hex(randomblob(100)) FROM c;", null);
        mountTinyDisk(disk);
        try (MigrationEngine engine = new MigrationEngine(Config.resolve(new Config.Options("jdbc:sqlite:"
                + disk.resolve("full.db"), null, null, migrations.toString(), null, 5.0, null, "never", null),
                Map.of()))) {
            MigrateException e = assertThrows(MigrateException.class,
                    () -> engine.apply(null, false, ProgressListener.NONE));
            assertEquals(ErrorCode.DISK_FULL, e.code(), e.getMessage());
            assertEquals(v(2), e.error().details().get("version"));
            StatusReport status = engine.status();
            assertEquals(v(1), status.currentVersion());
            assertNotNull(status.lastFailure(), "the failed attempt is on record");
            assertEquals(v(2), status.lastFailure().version());
            assertEquals("SQLITE_FULL", status.lastFailure().sqlState());
        } finally {
            run("umount", disk.toString());
        }
    }

    private static void mountTinyDisk(Path at) throws Exception {
        int rc = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", at.toString());
        if (rc != 0) {
            System.err.println("[migrate-mcp tests] cannot mount a tmpfs (needs root): the full-disk test is SKIPPED");
            Assumptions.abort("cannot mount a small tmpfs for the full-disk test");
        }
    }

    private static int run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
