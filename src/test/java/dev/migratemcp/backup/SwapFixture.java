package dev.migratemcp.backup;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.testing.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static dev.migratemcp.backup.MysqlObjects.execute;

/**
 * Two MySQL databases for cutting a restore's swap short: live, with table t holding two triggers on the same event
 * (their order matters), a view and a procedure; and staged (the backup), with t of another column, one other
 * trigger, another view and a function. Both are dropped on close.
 *
 * @param before the live database's objects before any swap ({@link #objects})
 * @param backup the staged database's objects, what a finished swap leaves in the live one
 */
record SwapFixture(TestDatabase live, TestDatabase staged, List<String> before, List<String> backup)
        implements AutoCloseable {

    /** How far a swap got before it was cut short. */
    enum Step { JOURNAL_WRITTEN, TRIGGERS_DROPPED, RENAMED }

    static SwapFixture create() throws SQLException {
        TestDatabase live = TestDatabase.create(DatabaseKind.MYSQL);
        TestDatabase staged = TestDatabase.create(DatabaseKind.MYSQL);
        try (Connection c = live.connect()) {
            execute(c, "CREATE TABLE t (id INT PRIMARY KEY, old_col VARCHAR(20))");
            execute(c, "CREATE TRIGGER first_one BEFORE INSERT ON t FOR EACH ROW SET NEW.old_col = 'a'");
            execute(c, "CREATE TRIGGER second_one BEFORE INSERT ON t FOR EACH ROW SET NEW.old_col = 'b'");
            execute(c, "CREATE VIEW old_view AS SELECT id FROM t");
            execute(c, "CREATE PROCEDURE old_proc() SELECT 1");
        }
        try (Connection c = staged.connect()) {
            execute(c, "CREATE TABLE t (id INT PRIMARY KEY, new_col INT)");
            execute(c, "CREATE TRIGGER new_one BEFORE UPDATE ON t FOR EACH ROW SET NEW.new_col = 1");
            execute(c, "CREATE FUNCTION new_fn() RETURNS INT DETERMINISTIC RETURN 7");
            execute(c, "CREATE VIEW new_view AS SELECT id, new_fn() AS seven FROM t");
        }
        return new SwapFixture(live, staged, objects(live), objects(staged));
    }

    /** Runs the swap's own steps, as {@link MysqlSwap#replace} does, up to {@code last}; returns its plan. */
    MysqlSwapJournal.Plan cutShortAfter(Step last) throws SQLException {
        try (Connection l = live.connect(); Connection s = staged.connect()) {
            MysqlSwapJournal.Plan plan = MysqlSwap.plan(l, s);
            MysqlSwapJournal.write(l, plan);
            if (last.compareTo(Step.TRIGGERS_DROPPED) >= 0) {
                MysqlObjects.dropTriggers(s);
                MysqlObjects.dropTriggers(l);
            }
            if (last == Step.RENAMED) {
                MysqlSwap.rename(l, plan);
            }
            return plan;
        }
    }

    /** Columns of t, then routines, views and triggers (with their firing order), by name. */
    static List<String> objects(TestDatabase db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect()) {
            out.addAll(CatalogRows.list(c, "SELECT CONCAT('COLUMN t.', COLUMN_NAME) FROM information_schema.COLUMNS "
                    + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't' AND COLUMN_NAME <> 'id' ORDER BY 1"));
            out.addAll(CatalogRows.list(c, "SELECT CONCAT(ROUTINE_TYPE, ' ', ROUTINE_NAME) FROM "
                    + "information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY 1"));
            out.addAll(CatalogRows.list(c, "SELECT CONCAT('VIEW ', TABLE_NAME) FROM information_schema.VIEWS "
                    + "WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1"));
            out.addAll(CatalogRows.list(c, "SELECT CONCAT('TRIGGER ', TRIGGER_NAME, ' ', ACTION_ORDER) FROM "
                    + "information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY ACTION_ORDER"));
        }
        return out;
    }

    @Override
    public void close() {
        try (live; staged) {
            // both dropped
        }
    }
}
