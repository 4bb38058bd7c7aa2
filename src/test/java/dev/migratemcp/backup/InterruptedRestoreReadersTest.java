package dev.migratemcp.backup;

import dev.migratemcp.backup.SwapFixture.Step;
import dev.migratemcp.cli.MigrateCommand;
import dev.migratemcp.config.Config;
import dev.migratemcp.config.DatabaseUrls;
import dev.migratemcp.dialect.Database;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.dialect.MigrationLock;
import dev.migratemcp.engine.ErrorCode;
import dev.migratemcp.engine.InterruptedRestore;
import dev.migratemcp.engine.MigrateException;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.StatusReport;
import dev.migratemcp.engine.ValidationReport;
import dev.migratemcp.migration.Version;
import dev.migratemcp.json.Json;
import dev.migratemcp.testing.MigrationFiles;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.migratemcp.backup.MysqlSwapJournalTest.assertGone;
import static dev.migratemcp.backup.SwapFixture.objects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verbs that take no lock (status, validate, validate-schema, describe-schema, plan) on a MySQL database whose restore
 * was cut short during its swap: they settle it themselves when the migration lock is free at once, and otherwise
 * say plainly that the database may be half swapped (status's state, validate's error, describe's refusal), in the
 * engine's records and in the JSON the CLI and MCP faces give.
 */
class InterruptedRestoreReadersTest {

    @TempDir
    Path dir;

    @Test
    void statusSettlesASwapCutShortWhenTheLockIsFree() throws Exception {
        try (SwapFixture swap = SwapFixture.create()) {
            TestDatabase live = swap.live();
            List<String> backup = swap.backup();
            MysqlSwapJournal.Plan plan = swap.cutShortAfter(Step.RENAMED);
            try (MigrationEngine engine = engine(live, false)) {
                StatusReport r = engine.status();
                assertEquals("clean", r.state());
                assertEquals(InterruptedRestore.SETTLED, r.interruptedRestore().state());
                assertEquals(List.of("a restore of " + live.name() + " cut short during its swap: finished, the "
                        + "database is the backup"), r.interruptedRestore().restores());
                assertEquals(backup, objects(live), "the swap was finished by status");
                assertGone(live, plan.holding());
                assertNull(engine.status().interruptedRestore(), "settled once, nothing is left to report");
            }
        }
    }

    @Test
    void describeSchemaSettlesTooAndThenDescribesTheWholeDatabase() throws Exception {
        try (SwapFixture swap = SwapFixture.create()) {
            TestDatabase live = swap.live();
            List<String> before = swap.before();
            swap.cutShortAfter(Step.TRIGGERS_DROPPED);
            try (MigrationEngine engine = engine(live, false)) {
                assertEquals(2, engine.describeSchema(null).triggers().size(), "the dropped triggers made again");
            }
            assertEquals(before, objects(live));
        }
    }

    @Test
    void whileAnotherCommandHoldsTheLockTheReadersReportTheHalfSwappedDatabase() throws Exception {
        try (SwapFixture swap = SwapFixture.create()) {
            TestDatabase live = swap.live();
            MysqlSwapJournal.Plan plan = swap.cutShortAfter(Step.TRIGGERS_DROPPED);
            List<String> half = objects(live);
            try (MigrationEngine engine = engine(live, false)) {
                try (AutoCloseable held = migrationLockHeldElsewhere(live, engine)) {
                    StatusReport status = engine.status();
                    assertEquals(StatusReport.RESTORE_INTERRUPTED, status.state());
                    InterruptedRestore r = status.interruptedRestore();
                    assertEquals(InterruptedRestore.UNSETTLED, r.state());
                    assertTrue(r.restores().get(0).contains("was cut short during its swap")
                            && r.restores().get(0).contains(plan.holding()), r.restores().toString());
                    assertTrue(r.reason().startsWith("another command holds the migration lock"), r.reason());

                    ValidationReport v = engine.validate();
                    assertFalse(v.valid(), "a half-swapped database is never valid");
                    assertEquals(StatusReport.RESTORE_INTERRUPTED, v.problems().get(0).kind());
                    assertFalse(engine.validateSchema(null, false).valid());

                    MigrateException e = assertThrows(MigrateException.class, () -> engine.describeSchema(null));
                    assertEquals(ErrorCode.RESTORE_INTERRUPTED, e.code());

                    // the faces: the CLI's --json is the JSON the MCP tools put in structuredContent
                    JsonNode statusJson = Json.mapper().readTree(cli(live, "status").out());
                    assertEquals("restore_interrupted", statusJson.get("state").asString());
                    assertEquals("unsettled", statusJson.get("interrupted_restore").get("state").asString());
                    Cli validate = cli(live, "validate");
                    assertNotEquals(0, validate.exit());
                    assertEquals("restore_interrupted", Json.mapper().readTree(validate.out()).get("problems")
                            .get(0).get("kind").asString());
                    Cli describe = cli(live, "describe-schema");
                    assertNotEquals(0, describe.exit());
                    assertTrue(describe.out().contains("\"restore_interrupted\""), describe.out());
                    assertEquals(half, objects(live), "nothing was settled under another command's lock");
                }
                assertEquals(InterruptedRestore.SETTLED, engine.status().interruptedRestore().state(),
                        "the lock freed, the next status settles it");
            }
        }
    }

    /**
     * pending, history and show-migration read the same history table as status, so they treat a swap cut short as
     * status does: reported as unsettled while another command holds the lock (never shown as if normal), settled by
     * the first of them that finds the lock free.
     */
    @Test
    void pendingHistoryAndShowReportItAsStatusDoesAndSettleItWhenTheLockIsFree() throws Exception {
        try (SwapFixture swap = SwapFixture.create()) {
            TestDatabase live = swap.live();
            List<String> backup = swap.backup();
            swap.cutShortAfter(Step.RENAMED);
            List<String> half = objects(live);
            Version one = oneMigrationFile();
            try (MigrationEngine engine = engine(live, false)) {
                try (AutoCloseable held = migrationLockHeldElsewhere(live, engine)) {
                    for (InterruptedRestore r : List.of(engine.pending().interruptedRestore(),
                            engine.history().interruptedRestore(), engine.show(one).interruptedRestore())) {
                        assertEquals(InterruptedRestore.UNSETTLED, r.state());
                        assertTrue(r.reason().startsWith("another command holds the migration lock"), r.reason());
                    }
                    for (String[] verb : List.of(new String[]{"pending"}, new String[]{"history"},
                            new String[]{"show-migration", "--version", "1"})) {
                        Cli run = cli(live, verb);
                        assertEquals(0, run.exit(), run.out());
                        assertEquals("unsettled", Json.mapper().readTree(run.out()).get("interrupted_restore")
                                .get("state").asString(), String.join(" ", verb));
                    }
                    assertEquals(half, objects(live), "nothing was settled under another command's lock");
                }
                assertEquals(InterruptedRestore.SETTLED, engine.pending().interruptedRestore().state(),
                        "the lock freed, pending settles it");
                assertEquals(backup, objects(live), "the swap was finished by pending");
                assertNull(engine.history().interruptedRestore(), "settled once, nothing is left to report");
                assertNull(engine.show(one).interruptedRestore());
            }
        }
    }

    /**
     * plan (plan_migration) rests on the history and the live schema as they are, so it is refused while the swap is
     * unsettled under another command's lock (a plan of a half-swapped schema, and its plan id, would be false), and
     * settles the swap itself when it finds the lock free, then plans the whole database.
     */
    @Test
    void planRefusesAHalfSwappedDatabaseAndSettlesItWhenTheLockIsFree() throws Exception {
        try (SwapFixture swap = SwapFixture.create()) {
            TestDatabase live = swap.live();
            List<String> backup = swap.backup();
            swap.cutShortAfter(Step.RENAMED);
            List<String> half = objects(live);
            Version one = oneMigrationFile();
            try (MigrationEngine engine = engine(live, false)) {
                try (AutoCloseable held = migrationLockHeldElsewhere(live, engine)) {
                    MigrateException e = assertThrows(MigrateException.class, () -> engine.plan(one));
                    assertEquals(ErrorCode.RESTORE_INTERRUPTED, e.code());
                    assertTrue(e.getMessage().contains("no plan is made")
                            && e.getMessage().contains("cut short during its swap"), e.getMessage());
                    Cli plan = cli(live, "plan", "--version", "1");
                    assertNotEquals(0, plan.exit());
                    assertEquals("restore_interrupted", Json.mapper().readTree(plan.out()).get("error").get("code")
                            .asString(), plan.out());
                    assertEquals(half, objects(live), "nothing was settled under another command's lock");
                }
                assertEquals(1, engine.plan(one).migrations().size(), "the lock freed, plan settles and plans");
                assertEquals(backup, objects(live), "the swap was finished by plan");
            }
        }
    }

    @Test
    void aReadOnlyServerReportsButNeverSettles() throws Exception {
        try (SwapFixture swap = SwapFixture.create()) {
            TestDatabase live = swap.live();
            swap.cutShortAfter(Step.RENAMED);
            List<String> half = objects(live);
            try (MigrationEngine engine = engine(live, true)) {
                StatusReport status = engine.status();
                assertEquals(StatusReport.RESTORE_INTERRUPTED, status.state());
                assertTrue(status.interruptedRestore().reason().contains("read-only"));
            }
            assertEquals(half, objects(live));
            try (MigrationEngine engine = engine(live, false)) {
                assertEquals("clean", engine.status().state(), "settled where it may write");
            }
        }
    }

    /** One migration file, version 1, in the migrations folder; its version. */
    private Version oneMigrationFile() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("migrations"));
        new MigrationFiles(dir.resolve("migrations")).write(1, "first", null, "CREATE TABLE first_table (id INT)",
                "DROP TABLE first_table");
        return Version.parse("1");
    }

    private MigrationEngine engine(TestDatabase db, boolean readOnly) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("migrations"));
        return new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null,
                dir.resolve("migrations").toString(), null, 5.0, dir.resolve("backups").toString(), "never", null,
                null, null, null, null), Map.of()), readOnly);
    }

    /** The database's migration lock, taken by a session of its own as another command would hold it. */
    private static AutoCloseable migrationLockHeldElsewhere(TestDatabase live, MigrationEngine engine)
            throws Exception {
        Database other = Database.open(DatabaseUrls.parse(live.jdbcUrl(), null, null), Duration.ofSeconds(5));
        Connection c = other.connection();
        MigrationLock lock = other.dialect().acquireLock(c, engine.config().historyTable(), Duration.ofSeconds(5));
        return () -> {
            try (other; c; lock) {
                // closed in reverse order: the lock, the session, the pool
            }
        };
    }

    record Cli(int exit, String out) {
    }

    private Cli cli(TestDatabase db, String... verb) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--url", db.jdbcUrl(), "--migrations",
                dir.resolve("migrations").toString(), "--backups", dir.resolve("backups").toString(), "--json"));
        args.addAll(List.of(verb));
        PrintStream realOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = MigrateCommand.run(args.toArray(String[]::new));
            return new Cli(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(realOut);
        }
    }
}
