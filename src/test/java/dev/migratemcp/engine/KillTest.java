package dev.migratemcp.engine;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.migration.Checksums;
import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static dev.migratemcp.engine.KillSet.ROWS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real migrate runs killed (SIGKILL) at seeded points of a migration set that mixes DDL, DML and batches
 * ({@link KillSet}); after each kill, status, repair (resume or revert_partial, chosen by the seed) and migrate must
 * bring the database to the latest version with exactly the schema and the data of an uninterrupted run: the same
 * snapshot, the same rows (every statement and every batch window ran exactly once, since each would double a
 * counter), and validate satisfied. A statement whose effect the schema could not settle counts as a violation too:
 * every statement of the set is one the engine can read.
 *
 * <p>One child process migrates {@value #PER_PROCESS} databases at once, each started at its own moment, so one kill
 * strikes each at a different point. {@code -Dmigrate.kill.points=N} (default 50 per database) and
 * {@code -Dmigrate.kill.seed=S} set the run; {@code bench/kill-run.sh} runs a long one.
 */
class KillTest {

    private static final long SEED = 20261201L;
    private static final int PER_PROCESS = 10;

    @TempDir
    Path migrations;

    private MigrationEngine engine(TestDatabase db) {
        return new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null, migrations.toString(),
                null, 30.0, null, "never", null), Map.of()));
    }

    /** What an uninterrupted run leaves: the schema and, per table, its row count and a hash of its rows. */
    private record Reference(SchemaSnapshot schema, Map<String, String> content) {
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyKillRecoversToTheExactLatestState(DatabaseKind kind) throws Exception {
        int points = Integer.getInteger("migrate.kill.points", 50);
        long seed = Long.getLong("migrate.kill.seed", SEED) + kind.ordinal();
        Random random = new Random(seed);
        KillSet.write(migrations);
        Reference reference;
        try (TestDatabase db = TestDatabase.create(kind); MigrationEngine engine = engine(db)) {
            engine.apply(null, false, ProgressListener.NONE);
            reference = new Reference(engine.describeSchema(null), content(db));
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(counter), MAX(counter), MIN(n) FROM items")) {
                rs.next();
                assertEquals(ROWS + " 11 11 1000", rs.getInt(1) + " " + rs.getInt(2) + " " + rs.getInt(3) + " "
                        + rs.getInt(4), "an uninterrupted run: every row counted once by each batch");
            }
        }
        long runMillis = timeUnkilledRun(kind);
        long span = runMillis;
        List<String> violations = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        int done = 0;
        while (done < points) {
            int n = Math.min(PER_PROCESS, points - done);
            List<TestDatabase> dbs = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    dbs.add(TestDatabase.create(kind));
                }
                killOneProcess(dbs, random, span);
                int finished = 0;
                int untouched = 0;
                for (int i = 0; i < n; i++) {
                    String point = "kill point " + (done + i + 1) + " (seed " + seed + ")";
                    StringBuilder outcome = new StringBuilder();
                    try {
                        recover(dbs.get(i), random, reference, outcome);
                        outcomes.merge(outcome.toString(), 1, Integer::sum);
                        finished += outcome.toString().equals("killed at v" + KillSet.LATEST) ? 1 : 0;
                        untouched += outcome.toString().equals("killed at v0") ? 1 : 0;
                    } catch (AssertionError | RuntimeException e) {
                        violations.add(point + " [" + outcome + "]: " + e.getMessage());
                    }
                }
                // the machine's speed varies (shared CI runners): keep most kills inside the migrations
                span = finished * 2 > n ? span * 3 / 4 : untouched * 2 > n ? span * 4 / 3 : span;
            } finally {
                dbs.forEach(TestDatabase::close);
            }
            done += n;
        }
        System.err.println("[kill test " + kind.id() + "] " + points + " kill points, " + violations.size()
                + " violations (an uninterrupted run: " + runMillis + " ms); outcomes: " + outcomes);
        assertEquals(List.of(), violations);
    }

    /** How long a child takes to migrate {@value #PER_PROCESS} databases at once, none killed: the median. */
    private long timeUnkilledRun(DatabaseKind kind) throws Exception {
        List<TestDatabase> dbs = new ArrayList<>();
        try {
            for (int i = 0; i < PER_PROCESS; i++) {
                dbs.add(TestDatabase.create(kind));
            }
            Process child = startChild(dbs, dbs.stream().map(db -> 0L).toList());
            try {
                BufferedReader out = awaitReady(child);
                List<Long> times = new ArrayList<>();
                String line;
                while (times.size() < dbs.size() && (line = out.readLine()) != null) {
                    if (line.startsWith("MIGRATED ")) {
                        times.add(Long.parseLong(line.substring("MIGRATED ".length())));
                    }
                }
                return times.isEmpty() ? 1000 : Math.max(50, times.stream().sorted().toList().get(times.size() / 2));
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            dbs.forEach(TestDatabase::close);
        }
    }

    private Process startChild(List<TestDatabase> dbs, List<Long> delays) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), KillChild.class.getName(),
                migrations.toString()));
        for (int i = 0; i < dbs.size(); i++) {
            command.add(dbs.get(i).jdbcUrl());
            command.add(Long.toString(delays.get(i)));
        }
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static BufferedReader awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
        String line;
        while ((line = out.readLine()) != null && !line.equals("READY")) {
            // nothing else is printed before READY
        }
        return out;
    }

    /**
     * Starts one child migrating every database, each from its own moment, and kills it once: each database has
     * then run for a seeded share of {@code span}, about an unkilled run's time.
     */
    private void killOneProcess(List<TestDatabase> dbs, Random random, long span) throws Exception {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < dbs.size(); i++) {
            delays.add(span - (long) (random.nextDouble() * span));
        }
        Process child = startChild(dbs, delays);
        try {
            awaitReady(child);
            Thread.sleep(span);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs in the child
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Brings a killed database to the latest version and checks it; {@code outcome} says what happened. */
    private void recover(TestDatabase db, Random random, Reference reference, StringBuilder outcome)
            throws Exception {
        try (MigrationEngine engine = engine(db)) {
            StatusReport status = engine.status();
            outcome.append("killed at v").append(status.currentVersion());
            for (int round = 0; "failed".equals(status.state()); round++) {
                check(round < 3, "still failed after " + round + " repairs: " + status.failed());
                FailedMigration failed = status.failed();
                StatementInDoubt doubt = failed.inDoubt();
                check(doubt == null || !doubt.outcome().equals("unknown"), "the engine could not tell whether "
                        + "statement " + (doubt == null ? 0 : doubt.index()) + " took effect: " + doubt);
                RepairReport options = engine.repair(failed.version(), null, false, ProgressListener.NONE);
                boolean canRevert = options.options().stream()
                        .anyMatch(o -> o.action().equals("revert_partial") && o.possible());
                String action = canRevert && random.nextBoolean() ? "revert_partial" : "resume";
                engine.repair(failed.version(), action, true, ProgressListener.NONE);
                outcome.setLength(0);
                outcome.append("v").append(failed.version()).append(' ').append(failed.direction())
                        .append(" stopped").append(doubt == null ? "" : " in doubt (" + doubt.outcome() + ")")
                        .append(", ").append(action);
                status = engine.status();
            }
            engine.apply(null, false, ProgressListener.NONE);
            ValidationReport files = engine.validate();
            check(files.valid(), "validate: " + files.problems());
            ValidationReport schema = engine.validateSchema(v(KillSet.LATEST));
            check(schema.valid(), "validate-schema: " + schema.problems());
            check(engine.describeSchema(null).equals(reference.schema()), "the schema differs from an "
                    + "uninterrupted run's: " + dev.migratemcp.schema.SchemaDiff.between(reference.schema(),
                    engine.describeSchema(null)));
            Map<String, String> content = content(db);
            check(content.equals(reference.content()), "the data differs from an uninterrupted run's: "
                    + content + " instead of " + reference.content());
        }
    }

    /** Per table of the latest version: its row count and the SHA-256 of its rows in key order. */
    private static Map<String, String> content(TestDatabase db) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String table : KillSet.TABLES) {
                StringBuilder rows = new StringBuilder();
                int count = 0;
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        count++;
                        for (int col = 1; col <= meta.getColumnCount(); col++) {
                            rows.append(meta.getColumnName(col).toLowerCase()).append('=').append(rs.getString(col))
                                    .append(col < meta.getColumnCount() ? "," : "\n");
                        }
                    }
                }
                out.put(table, count + " rows " + Checksums.sha256(rows.toString()).substring(0, 12));
            }
        }
        return out;
    }

    private static void check(boolean ok, String violation) {
        if (!ok) {
            throw new AssertionError(violation);
        }
    }
}
