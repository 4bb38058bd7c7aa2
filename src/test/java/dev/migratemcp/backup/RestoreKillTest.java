package dev.migratemcp.backup;

import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ProgressListener;
import dev.migratemcp.testing.TestDatabase;
import dev.migratemcp.testing.TestServers;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code restore} process killed with SIGKILL at seeded moments (fixed seed, so a failure can be replayed):
 * once the server is done with the killed sessions and the next command that takes the migration lock has run, the
 * database is exactly as it was before the restore, or exactly the backup, never anything between. On MySQL the seed
 * also holds triggers, routines, a view and an event that change after the backup, so kills land in the swap's
 * journalled moment between its triggers' drop and the objects re-made after the RENAME. On MySQL the restore's
 * connection is also dropped by the server ({@code KILL CONNECTION}) while the process lives on: it must end by
 * itself, and the database be whole in the same way. CI runs a few kills per
 * database and method; {@code -Dmigrate.restoreKill.iterations=N} runs more.
 */
class RestoreKillTest {

    private static final long SEED = 20261201L;
    private static final int ITERATIONS = Integer.getInteger("migrate.restoreKill.iterations", 2);
    private static final int ROWS = 10_000;

    @TempDir
    Path backups;

    @ParameterizedTest
    @CsvSource({"SQLITE, auto, 800, kill", "POSTGRESQL, auto, 3000, kill", "POSTGRESQL, builtin, 3000, kill",
            "MYSQL, auto, 800, kill", "MYSQL, builtin, 800, kill", "MYSQL, auto, 800, drop",
            "MYSQL, builtin, 800, drop"})
    void killedMidRestoreLeavesTheDatabaseWholeBeforeOrAfter(DatabaseKind kind, String method, int killWindowMs,
                                                             String how) throws Exception {
        Random random = new Random(SEED + kind.ordinal() * 31L + method.hashCode() + how.hashCode());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> outcomes = new ArrayList<>();
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            String marker = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            Path folder = backups.resolve("i" + iteration);
            try (TestDatabase db = TestDatabase.create(kind)) {
                Config config = Config.resolve(new Config.Options(db.jdbcUrl(), null, null, "migrations", null, 30.0,
                        folder.toString(), "never", null, method), Map.of());
                BackupManifest m;
                try (MigrationEngine engine = new MigrationEngine(config)) {
                    engine.apply(null, false, ProgressListener.NONE);
                    seed(db, marker);
                    m = engine.createBackup("to restore");
                }
                List<String> backupObjects = otherObjects(db);
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.execute("DELETE FROM bulk WHERE id % 2 = 0");
                    s.execute("CREATE TABLE made_after (id INTEGER)");
                    if (kind == DatabaseKind.MYSQL) {
                        changeOtherObjects(s);
                    }
                }
                CopyFacts before = facts(db);
                List<String> objectsBefore = otherObjects(db);
                List<String> sessionsBefore = sessions(db);

                Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        "dev.migratemcp.Main", "--url", db.jdbcUrl(), "--migrations", "migrations", "--backups",
                        folder.toString(), "--backup-method", method, "-v", "restore", "--id", m.id(), "--yes")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                // the checks, the safety backup and the scratch restore come first (and take long on a loaded
                // machine): kill at a seeded moment after the replacement began, when it is under way or just done
                // killWindowMs: kills land this long at most after the replacement began, about what it takes here
                Log log = waitForLine(p, "replacing the database");
                Thread.sleep(random.nextInt(killWindowMs));
                List<ProcessHandle> tools = p.descendants().toList();
                if (how.equals("drop")) {
                    dropSessions(db, sessionsBefore);
                    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the restore, its connection dropped, did not end");
                } else {
                    p.destroyForcibly();
                    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                }
                // a dump tool it ran sees its input end (or its output pipe break) and stops; wait for that
                for (ProcessHandle tool : tools) {
                    tool.onExit().get(60, TimeUnit.SECONDS);
                }
                awaitServerDone(db, sessionsBefore);
                boolean replacedBeforeTheKill = log.saw("the database is replaced");
                // the next command that takes the migration lock settles a MySQL swap cut short, from its journal
                boolean cutShort = !journals(db).isEmpty();
                try (MigrationEngine next = new MigrationEngine(config)) {
                    next.apply(null, false, ProgressListener.NONE);
                }
                assertTrue(journals(db).isEmpty(), "a journal is left after the next command: " + journals(db));
                awaitNoLeftovers(config, kind, marker);

                CopyFacts now = facts(db);
                List<String> objectsNow = otherObjects(db);
                boolean unchanged = now.equals(before) && objectsNow.equals(objectsBefore);
                boolean restored = now.schema().equals(m.snapshot()) && now.rows().equals(m.rowCounts())
                        && now.hashes().equals(m.contentHashes()) && objectsNow.equals(backupObjects);
                String outcome = (unchanged ? "before" : restored ? "after" : "NEITHER") + (cutShort ? "*" : "");
                outcomes.add(outcome);
                assertTrue(!replacedBeforeTheKill || restored, "iteration " + iteration + ": the restore said the "
                        + "database was replaced before it was killed, yet it is not the backup");
                assertTrue(unchanged || restored, "iteration " + iteration + " " + outcomes + ": the database is "
                        + "neither as before nor as the backup; against the backup: " + BackupService.differences(m, now)
                        + "; rows now " + now.rows() + ", before " + before.rows() + "; routines and events now "
                        + objectsNow + ", before " + objectsBefore + ", in the backup " + backupObjects);
            } finally {
                dropLeftovers(kind, marker);
            }
        }
        System.err.println("[restore kill test " + kind + " " + method + " " + how + "] " + outcomes + " (* = cut short in "
                + "the swap, settled by the next command)");
    }

    /** The rest of a child's log, read on a thread of its own. */
    private static final class Log {
        private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Thread reader;

        Log(BufferedReader err) {
            reader = new Thread(() -> {
                try {
                    String line;
                    while ((line = err.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // the process was killed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** Whether the log, read to its end (the child is gone), has a line saying {@code text}. */
        boolean saw(String text) throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(30));
            synchronized (lines) {
                return lines.stream().anyMatch(l -> l.contains(text));
            }
        }
    }

    /** Reads the child's log (stderr) until a line says {@code text}; the rest is read by the Log returned. */
    private static Log waitForLine(Process p, String text) throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null && !line.contains(text)) {
            // the lines before: connecting, the safety backup
        }
        assertTrue(line != null, "the restore ended before replacing anything (see its log)");
        return new Log(err);
    }

    /**
     * The MySQL server runs a killed client's last statement to its end (a RENAME TABLE of many tables takes a while
     * on a loaded machine) and closes the session only then; reading before that would read a DDL statement half
     * way (information_schema skips the tables it is renaming). The state after a kill is the state once the server
     * is done with the killed sessions: wait until the sessions on the database are those there were before it.
     */
    private static void awaitServerDone(TestDatabase db, List<String> sessionsBefore) throws Exception {
        if (db.kind() != DatabaseKind.MYSQL) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!sessionsBefore.containsAll(sessions(db))) {
            assertTrue(System.nanoTime() < deadline, "the killed restore's sessions still run: " + sessions(db));
            Thread.sleep(50);
        }
    }

    /** MySQL: the server ends the sessions on the test's database that were not there before (the restore's). */
    private static void dropSessions(TestDatabase db, List<String> sessionsBefore) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String id : list(c, "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '" + db.name()
                    + "' AND ID <> CONNECTION_ID()")) {
                if (!sessionsBefore.contains(id)) {
                    try {
                        s.execute("KILL CONNECTION " + id);
                    } catch (java.sql.SQLException gone) {
                        // it ended by itself meanwhile
                    }
                }
            }
        }
    }

    /** MySQL: the ids of the other sessions on the test's database. */
    private static List<String> sessions(TestDatabase db) throws Exception {
        if (db.kind() != DatabaseKind.MYSQL) {
            return List.of();
        }
        try (Connection c = db.connect()) {
            return list(c, "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '" + db.name()
                    + "' AND ID <> CONNECTION_ID()");
        }
    }

    /**
     * MySQL: objects the swap re-makes around its RENAME (a trigger, routines, a view calling one, an event), so a
     * kill can land among them.
     */
    private static void seedOtherObjects(Statement s) throws Exception {
        s.execute("CREATE TRIGGER bulk_note BEFORE INSERT ON bulk FOR EACH ROW SET NEW.note = CONCAT(NEW.note, '!')");
        s.execute("CREATE TRIGGER bulk_note_2 BEFORE INSERT ON bulk FOR EACH ROW SET NEW.note = CONCAT(NEW.note, '?')");
        s.execute("CREATE FUNCTION first_id() RETURNS INT DETERMINISTIC RETURN 1");
        s.execute("CREATE PROCEDURE count_bulk() SELECT COUNT(*) FROM bulk");
        s.execute("CREATE VIEW bulk_ids AS SELECT id FROM bulk WHERE id > first_id()");
        s.execute("CREATE EVENT prune_bulk ON SCHEDULE EVERY 1 DAY STARTS '2037-01-01 00:00:00' DISABLE "
                + "DO DELETE FROM bulk WHERE id < 0");
    }

    /** MySQL: after the backup, each of those objects changed, dropped or joined by another. */
    private static void changeOtherObjects(Statement s) throws Exception {
        s.execute("DROP TRIGGER bulk_note");
        s.execute("CREATE TRIGGER bulk_touch BEFORE UPDATE ON bulk FOR EACH ROW SET NEW.note = OLD.note");
        s.execute("DROP PROCEDURE count_bulk");
        s.execute("CREATE PROCEDURE count_made() SELECT 2");
        s.execute("CREATE OR REPLACE VIEW bulk_ids AS SELECT id, note FROM bulk");
        s.execute("DROP EVENT prune_bulk");
    }

    /** MySQL: routines and events, which the schema snapshot does not hold (triggers and views it does). */
    private static List<String> otherObjects(TestDatabase db) throws Exception {
        if (db.kind() != DatabaseKind.MYSQL) {
            return List.of();
        }
        try (Connection c = db.connect()) {
            List<String> out = new ArrayList<>(list(c, "SELECT CONCAT(ROUTINE_TYPE, ' ', ROUTINE_NAME, ': ', "
                    + "ROUTINE_DEFINITION) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() "
                    + "ORDER BY 1"));
            out.addAll(list(c, "SELECT CONCAT('EVENT ', EVENT_NAME, ': ', EVENT_DEFINITION, ' ', STATUS) FROM "
                    + "information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE() ORDER BY 1"));
            out.addAll(list(c, "SELECT CONCAT('TRIGGER ', TRIGGER_NAME, ' ', ACTION_ORDER) FROM "
                    + "information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY 1"));
            return out;
        }
    }

    /** MySQL: the restore journals of swaps of this database still on the server. */
    private static List<String> journals(TestDatabase db) throws Exception {
        if (db.kind() != DatabaseKind.MYSQL) {
            return List.of();
        }
        try (Connection c = db.connect()) {
            return list(c, "SELECT TABLE_SCHEMA FROM information_schema.TABLES WHERE TABLE_NAME = '"
                    + MysqlSwapJournal.TABLE + "' AND TABLE_COMMENT LIKE '%:" + db.name() + "'");
        }
    }

    private static void seed(TestDatabase db, String marker) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + marker + " (id INTEGER)");
            s.execute("CREATE TABLE bulk (id INTEGER PRIMARY KEY, note VARCHAR(200))");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bulk (id, note) VALUES (?, ?)")) {
                for (int i = 1; i <= ROWS; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "row " + i + " " + "x".repeat(100));
                    ps.addBatch();
                    if (i % 2000 == 0) {
                        ps.executeBatch();
                    }
                }
            }
            c.commit();
            c.setAutoCommit(true);
            if (db.kind() == DatabaseKind.MYSQL) {
                seedOtherObjects(s);
            }
        }
    }

    private static CopyFacts facts(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                return CopyFacts.of(c, Dialect.of(db.kind()));
            } finally {
                c.rollback();
            }
        }
    }

    /**
     * The scratch and holding databases the killed restore made (those holding the test's marker table) are dropped
     * by a later command that takes the migration lock, once the server has ended the killed sessions (which frees
     * their leases; PostgreSQL ends a backend when it notices its client gone, so a moment may pass).
     */
    private static void awaitNoLeftovers(Config config, DatabaseKind kind, String marker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!leftovers(kind, marker).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "left behind after later commands: " + leftovers(kind, marker));
            Thread.sleep(200);
            try (MigrationEngine next = new MigrationEngine(config)) {
                next.apply(null, false, ProgressListener.NONE);
            }
        }
    }

    /** PostgreSQL and MySQL: the scratch and holding databases on the server that hold the marker table. */
    private static List<String> leftovers(DatabaseKind kind, String marker) throws Exception {
        List<String> out = new ArrayList<>();
        if (kind == DatabaseKind.POSTGRESQL) {
            for (String name : list(TestServers.postgresUrl(), "SELECT datname FROM pg_database WHERE datname LIKE "
                    + "'migrate\\_mcp\\_scratch\\_%'")) {
                try {
                    if (!list(TestServers.postgresUrlFor(name), "SELECT relname FROM pg_class WHERE relname = '"
                            + marker + "'").isEmpty()) {
                        out.add(name);
                    }
                } catch (Exception e) {
                    // dropped meanwhile, or another test's not ready yet: not ours
                }
            }
        } else if (kind == DatabaseKind.MYSQL) {
            out.addAll(list(TestServers.mysqlUrl(), "SELECT TABLE_SCHEMA FROM information_schema.TABLES WHERE "
                    + "TABLE_NAME = '" + marker + "' AND TABLE_SCHEMA LIKE 'migrate\\_mcp\\_%'"));
        }
        return out;
    }

    /**
     * A killed restore may leave its scratch database behind (and on MySQL the holding database of the old tables,
     * when killed between the swap and its drop): those of this test hold its marker table.
     */
    private static void dropLeftovers(DatabaseKind kind, String marker) throws Exception {
        switch (kind) {
            case SQLITE -> {
                try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                    for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("migrate-mcp-scratch"))
                            .toList()) {
                        Path file = dir.resolve("scratch.db");
                        if (Files.exists(file) && sqliteHas(file, marker)) {
                            try (Stream<Path> all = Files.walk(dir)) {
                                all.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
                            }
                        }
                    }
                }
            }
            case POSTGRESQL -> {
                for (String name : leftovers(kind, marker)) {
                    execute(TestServers.postgresUrl(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            }
            case MYSQL -> {
                for (String name : leftovers(kind, marker)) {
                    execute(TestServers.mysqlUrl(), "DROP DATABASE IF EXISTS `" + name + "`");
                }
            }
        }
    }

    private static boolean sqliteHas(Path file, String table) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?open_mode=1")) {
            return !list(c, "SELECT name FROM sqlite_master WHERE name = '" + table + "'").isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static List<String> list(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            return list(c, sql);
        }
    }

    private static List<String> list(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
