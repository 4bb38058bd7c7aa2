package dev.migratemcp.backup;

import dev.migratemcp.backup.MysqlObjects.Definition;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.dialect.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static dev.migratemcp.backup.MysqlObjects.execute;
import static dev.migratemcp.backup.MysqlObjects.q;

/**
 * What a MySQL swap ({@link MysqlSwap}) is about to do, written down before it changes anything, so that a swap cut
 * short (the process killed, the connection lost) is settled by the next command: the tables' RENAME is atomic, so
 * either it happened, and the rest of the database (routines, views, triggers, events) is made the backup's, or it
 * did not, and the triggers dropped just before it are made again. Either way the database ends whole: as before the
 * restore or as the backup.
 *
 * <p>The journal is a table in the holding database the old tables move into, so it goes when that database is
 * dropped, the swap's very last step. Its comment names the session that swaps, the staged database and the live
 * one; the rows, written in one transaction, hold the plan. A swap holds a named lock per live database while it
 * runs: the server frees it only when that session ends, after the statement a killed client left running, so the
 * settling never overlaps the swap it settles.
 */
final class MysqlSwapJournal {

    private static final Logger LOG = LoggerFactory.getLogger(MysqlSwapJournal.class);

    static final String TABLE = "migrate_mcp_restore_journal";
    static final String HOLDING_PREFIX = "migrate_mcp_old_";
    private static final String STAGED_PREFIX = "migrate_mcp_scratch_";
    private static final int LOCK_WAIT_SECONDS = 120;

    /** A swap: the databases, the tables that move each way, and the objects before (triggers) and after. */
    record Plan(String live, String staged, String holding, List<String> liveTables, List<String> stagedTables,
                List<Definition> before, List<Definition> after) {
    }

    private MysqlSwapJournal() {
    }

    /** The named lock a swap of the connection's database holds, and its settling takes. */
    static AutoCloseable lock(Connection c) throws SQLException {
        String name = lockName(CatalogRows.list(c, "SELECT DATABASE()").get(0));
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            ps.setString(1, name);
            ps.setInt(2, LOCK_WAIT_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != 1) {
                    throw new SQLException("a restore of this database is still being swapped in by another session "
                            + "(lock " + name + " held for " + LOCK_WAIT_SECONDS + " s); try again when it ends");
                }
            }
        }
        return () -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                ps.setString(1, name);
                ps.execute();
            }
        };
    }

    /**
     * Creates the holding database with the journal in it, the plan committed at once. The holding database is
     * leased from before it is made until its journal table exists (see Dialect#leaseScratch), so a cleanup of
     * leftovers never drops it in between; from then on the journal keeps it until the settling drops it.
     */
    static void write(Connection c, Plan p) throws SQLException {
        String comment = p.staged() + ":" + p.live();
        try (AutoCloseable lease = Dialect.of(DatabaseKind.MYSQL).leaseScratch(c, p.holding())) {
            execute(c, "CREATE DATABASE " + q(p.holding()));
            execute(c, "CREATE TABLE " + q(p.holding()) + "." + q(TABLE) + " (seq INT PRIMARY KEY, role "
                    + "VARCHAR(16) NOT NULL, kind VARCHAR(16) NOT NULL, name VARCHAR(64) NOT NULL, sql_mode TEXT, "
                    + "statement LONGTEXT) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='"
                    + comment.replace("\\", "\\\\").replace("'", "''") + "'");
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // a lease's release throws only SQLException
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + q(p.holding()) + "." + q(TABLE)
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (String t : p.liveTables()) {
                add(ps, ++seq, "live_table", new Definition("TABLE", t, null, null));
            }
            for (String t : p.stagedTables()) {
                add(ps, ++seq, "staged_table", new Definition("TABLE", t, null, null));
            }
            for (Definition d : p.before()) {
                add(ps, ++seq, "before", d);
            }
            for (Definition d : p.after()) {
                add(ps, ++seq, "after", d);
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void add(PreparedStatement ps, int seq, String role, Definition d) throws SQLException {
        ps.setInt(1, seq);
        ps.setString(2, role);
        ps.setString(3, d.kind());
        ps.setString(4, d.name());
        ps.setString(5, d.sqlMode());
        ps.setString(6, d.statement());
        ps.addBatch();
    }

    /** A journal of a swap of the live database: the holding database it is in and the staged database. */
    record Journal(String holding, String staged, String live) {
    }

    /**
     * The journals of swaps of the connection's database, read without taking any lock and without changing
     * anything: a swap running now, or one cut short and not settled yet. Asks the server's list of databases first,
     * so a server without a holding database answers with one cheap query.
     */
    static List<Journal> journals(Connection c) throws SQLException {
        String live = CatalogRows.list(c, "SELECT DATABASE()").get(0);
        return live == null ? List.of() : everyJournal(c).stream().filter(j -> j.live().equals(live)).toList();
    }

    /** The journals of every database's swaps on the server, read as {@link #journals} reads its own. */
    private static List<Journal> everyJournal(Connection c) throws SQLException {
        List<Journal> out = new ArrayList<>();
        List<String> holdings = CatalogRows.list(c, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE "
                + "SCHEMA_NAME LIKE '" + HOLDING_PREFIX.replace("_", "\\_") + "%'");
        for (String holding : holdings) {
            for (String comment : CatalogRows.list(c, "SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE "
                    + "TABLE_SCHEMA = ? AND TABLE_NAME = '" + TABLE + "'", holding)) {
                int colon = comment == null ? -1 : comment.indexOf(':');
                if (colon > 0) {
                    out.add(new Journal(holding, comment.substring(0, colon), comment.substring(colon + 1)));
                }
            }
        }
        return out;
    }

    /**
     * Drops the holding databases that swaps of ended processes left without a journal (killed between making the
     * holding database and its journal table): a swap leases its holding database before making it, and one with a
     * journal is left to the settling, which alone may drop it. Returns their names.
     */
    static List<String> dropAbandonedHoldings(Connection c) throws SQLException {
        return Dialect.of(DatabaseKind.MYSQL).dropAbandoned(c, HOLDING_PREFIX, holding -> !CatalogRows.list(c,
                "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = '" + TABLE + "'",
                holding).isEmpty());
    }

    /** Whether a swap of the connection's database is running now: its session holds the swap's named lock. */
    static boolean swapRunning(Connection c) throws SQLException {
        String live = CatalogRows.list(c, "SELECT DATABASE()").get(0);
        return live != null && CatalogRows.list(c, "SELECT IS_USED_LOCK(?)", lockName(live)).get(0) != null;
    }

    /**
     * Settles every swap of the connection's database that was cut short (there is one at most, as restores hold
     * the migration lock); returns what it did, one line per swap. The caller holds the migration lock.
     */
    static List<String> settleInterrupted(Connection c) throws SQLException {
        List<Journal> ours = journals(c);
        List<String> done = new ArrayList<>();
        if (ours.isEmpty()) {
            return done;
        }
        try (AutoCloseable ignored = lock(c)) {
            for (Journal journal : ours) {
                String outcome;
                try {
                    outcome = settle(c, read(c, journal.holding(), journal.staged(), journal.live()));
                } catch (SQLException e) {
                    throw new SQLException("a restore of " + journal.live() + " was cut short during its swap, and "
                            + "settling it from its journal (table " + TABLE + " in database " + journal.holding()
                            + ") failed: " + e.getMessage(), e.getSQLState(), e);
                }
                String line = "a restore of " + journal.live() + " cut short during its swap: " + outcome;
                LOG.warn(line);
                done.add(line);
            }
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e); // the lock's release throws only SQLException
        }
        return done;
    }

    private static Plan read(Connection c, String holding, String staged, String live) throws SQLException {
        List<String> liveTables = new ArrayList<>();
        List<String> stagedTables = new ArrayList<>();
        List<Definition> before = new ArrayList<>();
        List<Definition> after = new ArrayList<>();
        for (String[] r : CatalogRows.rows(c, "SELECT role, kind, name, sql_mode, statement FROM " + q(holding)
                + "." + q(TABLE) + " ORDER BY seq")) {
            Definition d = new Definition(r[1], r[2], r[3], r[4]);
            switch (r[0]) {
                case "live_table" -> liveTables.add(d.name());
                case "staged_table" -> stagedTables.add(d.name());
                case "before" -> before.add(d);
                case "after" -> after.add(d);
                default -> throw new SQLException("unknown row in the restore journal " + holding + ": " + r[0]);
            }
        }
        return new Plan(live, staged, holding, liveTables, stagedTables, before, after);
    }

    /**
     * Finishes or undoes one swap, by whether its RENAME took effect, then drops what it left: the staged database
     * and, last, the holding database with the journal. The connection is on the live database. Returns what it
     * did.
     */
    static String settle(Connection c, Plan p) throws SQLException {
        String outcome;
        boolean empty = p.liveTables().isEmpty() && p.stagedTables().isEmpty() && p.before().isEmpty()
                && p.after().isEmpty();
        if (empty) {
            // killed before the plan was committed (or a swap of nothing): nothing changed in the live database
            outcome = "nothing had changed yet";
        } else if (renamed(c, p)) {
            MysqlObjects.converge(c, p.after());
            outcome = "finished, the database is the backup";
        } else {
            MysqlObjects.convergeTriggers(c, p.before());
            outcome = "undone, the database is as before the restore";
        }
        if (p.staged().startsWith(STAGED_PREFIX)) {
            execute(c, "DROP DATABASE IF EXISTS " + q(p.staged()));
        }
        execute(c, "DROP DATABASE IF EXISTS " + q(p.holding()));
        return outcome;
    }

    /** Whether the one multi-table RENAME TABLE took effect: it is atomic, so one table tells. */
    private static boolean renamed(Connection c, Plan p) throws SQLException {
        if (!p.liveTables().isEmpty()) {
            return exists(c, p.holding(), p.liveTables().get(0));
        }
        if (!p.stagedTables().isEmpty()) {
            return exists(c, p.live(), p.stagedTables().get(0));
        }
        return true; // no table moves: only the other objects change, forwards
    }

    private static boolean exists(Connection c, String database, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema.TABLES WHERE "
                + "TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static String lockName(String live) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(live.getBytes(StandardCharsets.UTF_8));
            return "migrate-mcp-restore:" + HexFormat.of().formatHex(hash).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
