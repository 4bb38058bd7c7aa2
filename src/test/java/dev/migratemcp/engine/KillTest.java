package dev.migratemcp.engine;

import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.testing.MigrationFiles;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real migrate process killed at random points (fixed seed, so a failure can be replayed). On SQLite and PostgreSQL
 * the database must be exactly at the version before or after the migration, never between; on MySQL an interrupted
 * migration leaves a failed row that repair resolves.
 */
class KillTest {

    private static final long SEED = 20261125L;
    private static final int ITERATIONS = 6;
    private static final int STEPS = 24;

    @TempDir
    Path migrations;

    /** A slow second migration: tables created one by one with a pause after each (idempotent, for resume). */
    private void writeMigrations() {
        MigrationFiles files = new MigrationFiles(migrations);
        files.table(1);
        StringBuilder sqlite = new StringBuilder();
        StringBuilder pg = new StringBuilder();
        StringBuilder mysql = new StringBuilder();
        StringBuilder down = new StringBuilder();
        for (int i = 1; i <= STEPS; i++) {
            String create = "CREATE TABLE IF NOT EXISTS k" + i + " (id INTEGER, payload VARCHAR(50));\n";
            sqlite.append(create).append("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
                    + "150000) SELECT COUNT(*) FROM c;\n");
            pg.append(create).append("SELECT pg_sleep(0.04);\n");
            mysql.append(create).append("DO SLEEP(0.04);\n");
            down.append("DROP TABLE IF EXISTS k").append(STEPS + 1 - i).append(";\n");
        }
        files.writeRaw("0002_slow.sql", "-- migrate:up dialect=sqlite\n" + sqlite + "-- migrate:up dialect=postgresql\n"
                + pg + "-- migrate:up dialect=mysql\n" + mysql + "-- migrate:down\n" + down);
    }

    private MigrationEngine engine(TestDatabase db) {
        return new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null, migrations.toString(),
                null, 30.0, null, "never", null), Map.of()));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void killedMidMigrationLeavesNoHalfState(DatabaseKind kind) throws Exception {
        writeMigrations();
        Random random = new Random(SEED + kind.ordinal());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> outcomes = new ArrayList<>();
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            try (TestDatabase db = TestDatabase.create(kind); MigrationEngine engine = engine(db)) {
                engine.apply(1L, false, ProgressListener.NONE);
                Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        "dev.migratemcp.Main", "--url", db.jdbcUrl(), "--migrations", migrations.toString(), "migrate")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                // JVM start-up takes a few hundred ms; the migration about a second after that
                Thread.sleep(300 + random.nextInt(1500));
                p.destroyForcibly();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));

                StatusReport s = engine.status();
                if (kind == DatabaseKind.MYSQL && s.state().equals("failed")) {
                    assertEquals(2, s.failed().version());
                    assertTrue(s.failed().blocking());
                    RepairReport r = engine.repair(2, "resume", true, ProgressListener.NONE);
                    assertEquals("repaired", r.status());
                    outcomes.add("failed at " + s.failed().statementsDone() + ", resumed");
                    s = engine.status();
                } else {
                    outcomes.add("at version " + s.currentVersion());
                }
                assertEquals("clean", s.state(), outcomes.toString());
                assertTrue(s.currentVersion() == 1 || s.currentVersion() == 2, outcomes.toString());
                ValidationReport v = engine.validateSchema(s.currentVersion());
                assertTrue(v.valid(), "iteration " + iteration + " (" + outcomes + "): " + v.problems());
                // whatever happened, the database carries on
                assertEquals(2, engine.apply(null, false, ProgressListener.NONE).toVersion());
            }
        }
        System.err.println("[kill test " + kind + "] " + outcomes);
    }
}
