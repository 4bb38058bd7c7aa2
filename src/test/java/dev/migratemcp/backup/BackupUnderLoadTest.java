package dev.migratemcp.backup;

import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ProgressListener;
import dev.migratemcp.engine.VerifyReport;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup taken while another connection keeps committing finishes while the writes go on, and its manifest
 * describes exactly the rows in its file: deep verification (restore into a scratch database, compare rows and
 * content hashes) agrees, for every method, mysqldump included.
 */
class BackupUnderLoadTest {

    /** How long the writer goes on at most: a backup that cannot finish under load shows as the writer giving up. */
    private static final long WRITER_LIMIT_SECONDS = 30;

    @TempDir
    Path backups;

    @ParameterizedTest
    @CsvSource({"SQLITE, auto", "POSTGRESQL, auto", "POSTGRESQL, builtin", "MYSQL, auto", "MYSQL, builtin"})
    void aBackupUnderASteadyWriterFinishesAndDescribesItsFile(DatabaseKind kind, String method) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind);
             MigrationEngine engine = new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null,
                     "migrations", null, 30.0, backups.toString(), "never", null, method), Map.of()))) {
            engine.apply(null, false, ProgressListener.NONE);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE written (n INTEGER)");
                if (kind == DatabaseKind.SQLITE) {
                    // over 16 MB: more pages than the old copy took in one step, so a write could restart it
                    s.execute("CREATE TABLE ballast (b BLOB)");
                    s.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 24) "
                            + "INSERT INTO ballast SELECT randomblob(1048576) FROM c");
                }
            }
            AtomicBoolean backupDone = new AtomicBoolean();
            AtomicBoolean writerGaveUp = new AtomicBoolean();
            AtomicLong commits = new AtomicLong();
            Thread writer = new Thread(() -> write(db, backupDone, writerGaveUp, commits), "writer");
            writer.start();
            while (commits.get() < 20 && writer.isAlive()) {
                Thread.sleep(5); // the load is on before the backup starts
            }
            BackupManifest m;
            try {
                m = engine.createBackup("under load");
            } finally {
                backupDone.set(true);
                writer.join();
            }
            assertFalse(writerGaveUp.get(), "the backup finished only after the writes stopped ("
                    + commits.get() + " commits)");
            if (kind == DatabaseKind.MYSQL && method.equals("auto") && MysqlDumpMethod.usable()) {
                // mysqldump's counts were once read from the live database after the dump: under this writer they
                // would not match the file, and the deep verification below would fail
                assertEquals("mysqldump", m.method());
            }
            VerifyReport deep = engine.verifyBackup(m.id(), true);
            assertTrue(deep.valid(), deep.problems().toString());
            assertTrue(m.rowCounts().get("written") > 0);
        }
    }

    private static void write(TestDatabase db, AtomicBoolean stop, AtomicBoolean gaveUp, AtomicLong commits) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WRITER_LIMIT_SECONDS);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            if (db.kind() == DatabaseKind.SQLITE) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout = 30000");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO written (n) VALUES (?)")) {
                while (!stop.get()) {
                    if (System.nanoTime() > deadline) {
                        gaveUp.set(true);
                        return;
                    }
                    ps.setLong(1, commits.get());
                    ps.executeUpdate();
                    commits.incrementAndGet();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
