package dev.migratemcp.backup;

import dev.migratemcp.backup.SwapFixture.Step;
import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.engine.MigrateException;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ProgressListener;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.migratemcp.backup.SwapFixture.objects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A MySQL swap cut short at each of its steps, then settled from its journal as the next command does: before the
 * RENAME it is undone (the live triggers made again, in their order), after it finished (the backup's routines,
 * views, triggers and events made); either way the holding database with the journal goes.
 */
class MysqlSwapJournalTest {

    /**
     * The steps a settling finds done: {the step the swap was cut short after, what the live database then holds,
     * what the settling says it did, whether it ends as the backup (else as before the restore)}.
     */
    static Stream<Arguments> cutShortSwaps() {
        return Stream.of(
                Arguments.of(Step.TRIGGERS_DROPPED, List.of("COLUMN t.old_col", "PROCEDURE old_proc", "VIEW old_view"),
                        "undone, the database is as before the restore", false),
                Arguments.of(Step.RENAMED, List.of("COLUMN t.new_col", "PROCEDURE old_proc", "VIEW old_view"),
                        "finished, the database is the backup", true));
    }

    @ParameterizedTest(name = "cut short after {0}")
    @MethodSource("cutShortSwaps")
    void aSwapCutShortIsUndoneBeforeTheRenameAndFinishedAfterIt(Step step, List<String> cutShort, String outcome,
                                                                 boolean endsAsTheBackup) throws Exception {
        try (SwapFixture swap = SwapFixture.create()) {
            TestDatabase live = swap.live();
            MysqlSwapJournal.Plan plan = swap.cutShortAfter(step);
            assertEquals(cutShort, objects(live), "the cut-short state");
            assertEquals(List.of("a restore of " + live.name() + " cut short during its swap: " + outcome),
                    settle(live));
            assertEquals(endsAsTheBackup ? swap.backup() : swap.before(), objects(live));
            assertGone(live, plan.holding());
        }
    }

    @Test
    void cutShortHalfWayThroughTheObjectsAfterTheRenameIsFinished() throws Exception {
        try (SwapFixture swap = SwapFixture.create()) {
            TestDatabase live = swap.live();
            List<String> backup = swap.backup();
            MysqlSwapJournal.Plan plan = swap.cutShortAfter(Step.RENAMED);
            try (Connection l = live.connect()) {
                // the first of the backup's triggers made, the routines and the view not yet
                MysqlObjects.create(l, plan.after().stream().filter(d -> d.kind().equals("TRIGGER")).findFirst()
                        .orElseThrow());
            }
            assertEquals(1, settle(live).size());
            assertEquals(backup, objects(live));
        }
    }

    @Test
    void aJournalWhosePlanWasNeverCommittedOnlyGoes() throws Exception {
        try (SwapFixture swap = SwapFixture.create()) {
            TestDatabase live = swap.live();
            List<String> before = swap.before();
            MysqlSwapJournal.Plan plan = swap.cutShortAfter(Step.JOURNAL_WRITTEN);
            try (Connection l = live.connect()) {
                execute(l, "DELETE FROM " + MysqlObjects.q(plan.holding()) + "." + MysqlSwapJournal.TABLE);
            }
            assertEquals(List.of("a restore of " + live.name() + " cut short during its swap: nothing had "
                    + "changed yet"), settle(live));
            assertEquals(before, objects(live));
            assertGone(live, plan.holding());
        }
    }

    @Test
    void aSwapRunToItsEndLeavesNoJournal() throws Exception {
        try (SwapFixture swap = SwapFixture.create()) {
            TestDatabase live = swap.live();
            List<String> backup = swap.backup();
            try (Connection l = live.connect(); Connection s = swap.staged().connect()) {
                MysqlSwap.replace(l, s);
            }
            assertEquals(backup, objects(live));
            assertEquals(List.of(), settle(live));
        }
    }

    /**
     * A journal that cannot be settled (here: an object to make on a table that is not there) stops every command
     * that takes the migration lock, naming the holding database, before it changes anything.
     */
    @Test
    void aJournalThatCannotBeSettledStopsLockedCommands() throws Exception {
        try (TestDatabase live = TestDatabase.create(DatabaseKind.MYSQL)) {
            String holding = MysqlSwapJournal.HOLDING_PREFIX + "t" + Long.toHexString(System.nanoTime());
            try (Connection l = live.connect()) {
                MysqlSwapJournal.write(l, new MysqlSwapJournal.Plan(live.name(), "elsewhere", holding, List.of(),
                        List.of(), List.of(), List.of(new MysqlObjects.Definition("TRIGGER", "lost", null,
                        "CREATE TRIGGER lost BEFORE INSERT ON no_such_table FOR EACH ROW SET @x = 1"))));
            }
            try (MigrationEngine engine = new MigrationEngine(Config.resolve(new Config.Options(live.jdbcUrl(), null,
                    null, "migrations", null, 30.0, null, "never", null, null), Map.of()))) {
                MigrateException e = assertThrows(MigrateException.class,
                        () -> engine.apply(null, false, ProgressListener.NONE));
                assertTrue(e.getMessage().contains("settling it from its journal (table "
                        + MysqlSwapJournal.TABLE + " in database " + holding + ") failed"), e.getMessage());
            }
            assertEquals(List.of(), objects(live), "nothing ran: no migration applied");
            try (Connection c = live.connect()) {
                assertEquals(List.of(), MysqlObjects.tableNames(c, "BASE TABLE"), "no history table either");
                MysqlObjects.execute(c, "DROP DATABASE " + MysqlObjects.q(holding));
            }
        }
    }

    /**
     * What killed restores leave without a journal goes with the next command that takes the migration lock: a
     * holding database made just before its journal, and a scratch database nobody leases. A holding database with
     * a journal (of a swap of another database, so not settled here) and one a live swap leases both stay.
     */
    @Test
    void theNextLockedCommandDropsOnlyTheLeftoversNobodyNeeds() throws Exception {
        try (TestDatabase live = TestDatabase.create(DatabaseKind.MYSQL); Connection c = live.connect();
             Connection swapping = live.connect()) {
            String stamp = Long.toHexString(System.nanoTime());
            String emptyHolding = MysqlSwapJournal.HOLDING_PREFIX + "e" + stamp;
            String leasedHolding = MysqlSwapJournal.HOLDING_PREFIX + "l" + stamp;
            String journalled = MysqlSwapJournal.HOLDING_PREFIX + "j" + stamp;
            String deadScratch = "migrate_mcp_scratch_d" + stamp;
            execute(c, "CREATE DATABASE " + emptyHolding);
            execute(c, "CREATE DATABASE " + deadScratch);
            try (AutoCloseable lease = dev.migratemcp.dialect.Dialect.of(DatabaseKind.MYSQL)
                    .leaseScratch(swapping, leasedHolding)) {
                execute(swapping, "CREATE DATABASE " + leasedHolding);
                MysqlSwapJournal.write(c, new MysqlSwapJournal.Plan("another_database", "elsewhere", journalled,
                        List.of(), List.of(), List.of(), List.of()));
                try (MigrationEngine engine = new MigrationEngine(Config.resolve(new Config.Options(live.jdbcUrl(),
                        null, null, "migrations", null, 30.0, null, "never", null, null), Map.of()))) {
                    engine.apply(null, false, ProgressListener.NONE);
                }
                assertGone(live, emptyHolding);
                assertGone(live, deadScratch);
                assertTrue(databases(c).containsAll(List.of(leasedHolding, journalled)), databases(c).toString());
            } finally {
                execute(c, "DROP DATABASE IF EXISTS " + leasedHolding);
                execute(c, "DROP DATABASE IF EXISTS " + journalled);
            }
        }
    }

    private static List<String> databases(Connection c) throws SQLException {
        return CatalogRows.list(c, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA");
    }

    /** Settles the journals of {@code db} on a connection of its own, as the next command does. */
    private static List<String> settle(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return MysqlSwapJournal.settleInterrupted(c);
        }
    }

    static void assertGone(TestDatabase db, String holding) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                     + holding + "'")) {
            rs.next();
            assertTrue(rs.getLong(1) == 0, "the holding database " + holding + " is still there");
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        MysqlObjects.execute(c, sql);
    }
}
