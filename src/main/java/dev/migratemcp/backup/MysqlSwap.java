package dev.migratemcp.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How a MySQL restore replaces a database without transactional DDL: the backup is restored into a staging
 * database first (the scratch database deep verification filled and checked), then one multi-table
 * {@code RENAME TABLE} moves every current table (and MariaDB sequence) out into a holding database and every
 * staged one in, which the server does atomically: the tables are either all old or all new. The holding database is
 * dropped only after the swap succeeded. Triggers cannot move between databases and views need not (they name their
 * tables), so they are re-made around the swap from the staged copy; the triggers are dropped just before the rename
 * and made again just after it, and in that moment, unlike the tables, they are not covered by the swap's atomicity.
 */
final class MysqlSwap {

    private MysqlSwap() {
    }

    /** Why a restore must not start: foreign keys and views in other databases that the swap would break. */
    static List<String> refusals(Connection c, BackupManifest m) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (String[] fk : rows(c, "SELECT DISTINCT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME "
                + "FROM information_schema.KEY_COLUMN_USAGE WHERE REFERENCED_TABLE_SCHEMA = DATABASE() AND "
                + "TABLE_SCHEMA <> DATABASE() ORDER BY 1, 2, 3")) {
            problems.add("foreign key " + fk[2] + " on table " + fk[0] + "." + fk[1] + " (outside this database) "
                    + "references " + fk[3] + ", which the restore replaces; drop it first");
        }
        Set<String> restored = m.rowCounts() == null ? Set.of() : m.rowCounts().keySet();
        for (String[] view : rows(c, "SELECT v.TABLE_SCHEMA, v.TABLE_NAME, t.TABLE_NAME FROM information_schema.VIEWS v "
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

    /** Swaps the staged database's contents in for the target's. */
    static void replace(Connection target, Connection staged) throws SQLException {
        String live = target.getCatalog();
        String stage = staged.getCatalog();
        String holding = "migrate_mcp_old_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // MariaDB's sequences are tables to RENAME TABLE too, so they move with the tables, their positions kept
        List<String> liveTables = names(target, "BASE TABLE", "SEQUENCE");
        List<String> stagedTables = names(staged, "BASE TABLE", "SEQUENCE");
        // read everything the swap needs before changing anything
        List<String[]> stagedTriggers = definitions(staged, "TRIGGER", "SELECT TRIGGER_NAME FROM "
                + "information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY ACTION_ORDER", 3);
        List<String[]> stagedViews = views(staged);
        List<String[]> stagedRoutines = new ArrayList<>();
        stagedRoutines.addAll(definitions(staged, "PROCEDURE", "SELECT ROUTINE_NAME FROM information_schema.ROUTINES "
                + "WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_TYPE = 'PROCEDURE'", 3));
        stagedRoutines.addAll(definitions(staged, "FUNCTION", "SELECT ROUTINE_NAME FROM information_schema.ROUTINES "
                + "WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_TYPE = 'FUNCTION'", 3));
        List<String[]> stagedEvents = definitions(staged, "EVENT", "SELECT EVENT_NAME FROM information_schema.EVENTS "
                + "WHERE EVENT_SCHEMA = DATABASE()", 4);

        execute(target, "CREATE DATABASE " + q(holding));
        for (String trigger : list(target, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS "
                + "WHERE TRIGGER_SCHEMA = DATABASE()")) {
            execute(target, "DROP TRIGGER " + q(trigger));
        }
        for (String[] trigger : stagedTriggers) {
            execute(staged, "DROP TRIGGER " + q(trigger[0]));
        }
        List<String> moves = new ArrayList<>();
        for (String t : liveTables) {
            moves.add(q(live) + "." + q(t) + " TO " + q(holding) + "." + q(t));
        }
        for (String t : stagedTables) {
            moves.add(q(stage) + "." + q(t) + " TO " + q(live) + "." + q(t));
        }
        if (!moves.isEmpty()) {
            execute(target, "RENAME TABLE " + String.join(", ", moves));
        }
        // the tables are the backup's now: make the rest of the database match it (routines first: views may
        // call them)
        for (String p : list(target, "SELECT CONCAT(ROUTINE_TYPE, ' ', ROUTINE_NAME) FROM information_schema.ROUTINES "
                + "WHERE ROUTINE_SCHEMA = DATABASE()")) {
            int space = p.indexOf(' ');
            execute(target, "DROP " + p.substring(0, space) + " " + q(p.substring(space + 1)));
        }
        for (String e : list(target, "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()")) {
            execute(target, "DROP EVENT " + q(e));
        }
        for (String[] routine : stagedRoutines) {
            createWithMode(target, routine);
        }
        List<String> stagedViewNames = stagedViews.stream().map(v -> v[0]).toList();
        for (String view : names(target, "VIEW")) {
            if (!stagedViewNames.contains(view)) {
                execute(target, "DROP VIEW " + q(view));
            }
        }
        for (String[] view : stagedViews) {
            execute(target, "DROP VIEW IF EXISTS " + q(view[0]));
            execute(target, view[1]);
        }
        for (List<String[]> kind : List.of(stagedTriggers, stagedEvents)) {
            for (String[] definition : kind) {
                createWithMode(target, definition);
            }
        }
        execute(target, "DROP DATABASE " + q(holding));
    }

    /** The connection's database's tables of the given types (BASE TABLE, SEQUENCE, VIEW). */
    private static List<String> names(Connection c, String... types) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES WHERE "
                + "TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN (" + String.join(", ",
                Collections.nCopies(types.length, "?")) + ") ORDER BY TABLE_NAME")) {
            for (int i = 0; i < types.length; i++) {
                ps.setString(i + 1, types[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** Views as {name, CREATE VIEW}, in an order where each comes after the views it reads. */
    private static List<String[]> views(Connection c) throws SQLException {
        List<String[]> pending = new ArrayList<>();
        for (String view : names(c, "VIEW")) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE VIEW " + q(view))) {
                rs.next();
                pending.add(new String[]{view, rs.getString(2)});
            }
        }
        List<String[]> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            String[] next = pending.stream().filter(v -> pending.stream().noneMatch(other -> other != v
                    && v[1].contains("`" + other[0].replace("`", "``") + "`"))).findFirst().orElse(pending.get(0));
            pending.remove(next);
            ordered.add(next);
        }
        return ordered;
    }

    /** {name, sql_mode, CREATE ...} of each named object, from SHOW CREATE (its statement in column {@code col}). */
    private static List<String[]> definitions(Connection c, String kind, String namesSql, int col)
            throws SQLException {
        List<String[]> out = new ArrayList<>();
        for (String name : list(c, namesSql)) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW CREATE " + kind + " " + q(name))) {
                rs.next();
                out.add(new String[]{name, rs.getString(2), rs.getString(col)});
            }
        }
        return out;
    }

    /** Runs a CREATE under the sql_mode the object was made with, as its body was parsed under it. */
    private static void createWithMode(Connection c, String[] definition) throws SQLException {
        String mode = list(c, "SELECT @@SESSION.sql_mode").get(0);
        try (PreparedStatement ps = c.prepareStatement("SET SESSION sql_mode = ?")) {
            ps.setString(1, definition[1]);
            ps.execute();
            try {
                execute(c, definition[2]);
            } finally {
                ps.setString(1, mode);
                ps.execute();
            }
        }
    }

    private static List<String> list(Connection c, String sql) throws SQLException {
        return rows(c, sql).stream().map(r -> r[0]).toList();
    }

    private static List<String[]> rows(Connection c, String sql) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getString(i + 1);
                }
                out.add(row);
            }
        }
        return out;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String q(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
