package dev.migratemcp.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How a MySQL restore replaces a database without transactional DDL: the backup is restored into a staging
 * database first (the scratch database deep verification filled and checked), then one multi-table
 * {@code RENAME TABLE} moves every current table (and MariaDB sequence) out into a holding database and every
 * staged one in, which the server does atomically: the tables are either all old or all new. Triggers cannot move
 * to another database (the server refuses the rename) and views cannot either, so the triggers are dropped just
 * before the rename and the backup's routines, views, triggers and events made just after it. That moment is not
 * atomic, but it is journalled ({@link MysqlSwapJournal}): cut short, it is settled by the next command, forwards
 * or back, so the database ends whole.
 */
final class MysqlSwap {

    private MysqlSwap() {
    }

    /**
     * Why a restore must not start: foreign keys and views in other databases that the swap would break, and
     * definers of the backup's objects that this server lacks or the restoring user may not name.
     */
    static List<String> refusals(Connection c, BackupManifest m, Path file) throws SQLException {
        List<String> problems = new ArrayList<>();
        try {
            problems.addAll(MysqlDefiners.refusals(c, MysqlDefiners.inBackup(m, file)));
        } catch (IOException e) {
            problems.add("cannot read the definers the backup names: " + e.getMessage());
        }
        for (String[] fk : CatalogRows.rows(c, "SELECT DISTINCT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME "
                + "FROM information_schema.KEY_COLUMN_USAGE WHERE REFERENCED_TABLE_SCHEMA = DATABASE() AND "
                + "TABLE_SCHEMA <> DATABASE() ORDER BY 1, 2, 3")) {
            problems.add("foreign key " + fk[2] + " on table " + fk[0] + "." + fk[1] + " (outside this database) "
                    + "references " + fk[3] + ", which the restore replaces; drop it first");
        }
        Set<String> restored = m.rowCounts() == null ? Set.of() : m.rowCounts().keySet();
        for (String[] view : CatalogRows.rows(c, "SELECT v.TABLE_SCHEMA, v.TABLE_NAME, t.TABLE_NAME FROM information_schema.VIEWS v "
                + "JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = DATABASE() AND v.VIEW_DEFINITION LIKE "
                + "CONCAT('%`', DATABASE(), '`.`', t.TABLE_NAME, '`%') WHERE v.TABLE_SCHEMA <> DATABASE() "
                + "ORDER BY 1, 2, 3")) {
            if (!restored.contains(view[2])) {
                problems.add("view " + view[0] + "." + view[1] + " (outside this database) uses table " + view[2]
                        + ", which the backup does not hold; drop the view first");
            }
        }
        return problems;
    }

    /**
     * Swaps the staged database's contents in for the target's. Everything the swap needs is read and written to its
     * journal first ({@link MysqlSwapJournal}); then the staged triggers are dropped (in staging only), the live
     * ones dropped, the tables renamed at once, and the routines, views, triggers and events made the backup's,
     * each only where it differs (a view that stays is replaced in place, never missing). A failure or a kill in
     * between is settled from the journal: forwards once the RENAME took effect, else back.
     */
    static void replace(Connection target, Connection staged) throws SQLException {
        MysqlSwapJournal.Plan plan = plan(target, staged);
        try (AutoCloseable ignored = MysqlSwapJournal.lock(target)) {
            MysqlSwapJournal.write(target, plan);
            try {
                // RENAME TABLE refuses to move a table with triggers to another database ("Trigger in wrong schema")
                MysqlObjects.dropTriggers(staged);
                MysqlObjects.dropTriggers(target);
                rename(target, plan);
                MysqlSwapJournal.settle(target, plan);
            } catch (SQLException e) {
                try {
                    MysqlSwapJournal.settle(target, plan);
                } catch (SQLException settling) {
                    e.addSuppressed(settling);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // the lock's release throws only SQLException
        }
    }

    /** Everything a swap needs, read before anything changes. */
    static MysqlSwapJournal.Plan plan(Connection target, Connection staged) throws SQLException {
        String holding = MysqlSwapJournal.HOLDING_PREFIX + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 12);
        List<MysqlObjects.Definition> wanted = new ArrayList<>();
        wanted.addAll(MysqlObjects.routines(staged));
        wanted.addAll(MysqlObjects.views(staged));
        wanted.addAll(MysqlObjects.triggers(staged));
        wanted.addAll(MysqlObjects.events(staged));
        // MariaDB's sequences are tables to RENAME TABLE too, so they move with the tables, their positions kept
        return new MysqlSwapJournal.Plan(target.getCatalog(), staged.getCatalog(), holding,
                MysqlObjects.tableNames(target, "BASE TABLE", "SEQUENCE"),
                MysqlObjects.tableNames(staged, "BASE TABLE", "SEQUENCE"), MysqlObjects.triggers(target), wanted);
    }

    /** The one multi-table RENAME TABLE: every live table out to the holding database, every staged one in. */
    static void rename(Connection target, MysqlSwapJournal.Plan plan) throws SQLException {
        List<String> moves = new ArrayList<>();
        for (String t : plan.liveTables()) {
            moves.add(MysqlObjects.q(plan.live()) + "." + MysqlObjects.q(t) + " TO " + MysqlObjects.q(plan.holding())
                    + "." + MysqlObjects.q(t));
        }
        for (String t : plan.stagedTables()) {
            moves.add(MysqlObjects.q(plan.staged()) + "." + MysqlObjects.q(t) + " TO " + MysqlObjects.q(plan.live())
                    + "." + MysqlObjects.q(t));
        }
        if (!moves.isEmpty()) {
            MysqlObjects.execute(target, "RENAME TABLE " + String.join(", ", moves));
        }
    }
}
