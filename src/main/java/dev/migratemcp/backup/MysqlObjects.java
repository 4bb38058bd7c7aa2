package dev.migratemcp.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The objects of a MySQL database that are not tables (routines, views, triggers, events), read as their
 * {@code SHOW CREATE} statements, and made to match a wanted list. Making them match is idempotent and touches only
 * what differs, so it can be run again after it was interrupted and leaves alike objects alone.
 */
final class MysqlObjects {

    /** One object: its kind (PROCEDURE, FUNCTION, VIEW, TRIGGER, EVENT), name, sql_mode and CREATE statement. */
    record Definition(String kind, String name, String sqlMode, String statement) {
    }

    private MysqlObjects() {
    }

    /** Procedures, then functions. */
    static List<Definition> routines(Connection c) throws SQLException {
        List<Definition> out = new ArrayList<>();
        for (String kind : List.of("PROCEDURE", "FUNCTION")) {
            out.addAll(definitions(c, kind, "SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE "
                    + "ROUTINE_SCHEMA = DATABASE() AND ROUTINE_TYPE = '" + kind + "' ORDER BY ROUTINE_NAME", 3));
        }
        return out;
    }

    static List<Definition> events(Connection c) throws SQLException {
        return definitions(c, "EVENT", "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE "
                + "EVENT_SCHEMA = DATABASE() ORDER BY EVENT_NAME", 4);
    }

    /** In the order the server fires them: per table, event and timing, by ACTION_ORDER. */
    static List<Definition> triggers(Connection c) throws SQLException {
        return definitions(c, "TRIGGER", "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE "
                + "TRIGGER_SCHEMA = DATABASE() ORDER BY EVENT_OBJECT_TABLE, EVENT_MANIPULATION, ACTION_TIMING, "
                + "ACTION_ORDER", 3);
    }

    /** Views, each after the views it reads. */
    static List<Definition> views(Connection c) throws SQLException {
        List<Definition> pending = new ArrayList<>();
        for (String view : tableNames(c, "VIEW")) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE VIEW " + q(view))) {
                rs.next();
                pending.add(new Definition("VIEW", view, null, rs.getString(2)));
            }
        }
        List<Definition> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            Definition next = pending.stream().filter(v -> pending.stream().noneMatch(other -> other != v
                    && v.statement().contains(q(other.name())))).findFirst().orElse(pending.get(0));
            pending.remove(next);
            ordered.add(next);
        }
        return ordered;
    }

    /** The connection's database's tables of the given types (BASE TABLE, SEQUENCE, VIEW). */
    static List<String> tableNames(Connection c, String... types) throws SQLException {
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

    /**
     * Makes the routines, views, triggers and events of the connection's database those of {@code wanted} (routines
     * first: views may call them).
     */
    static void converge(Connection c, List<Definition> wanted) throws SQLException {
        convergeByName(c, routines(c), only(wanted, "PROCEDURE", "FUNCTION"));
        convergeViews(c, only(wanted, "VIEW"));
        convergeTriggers(c, only(wanted, "TRIGGER"));
        convergeByName(c, events(c), only(wanted, "EVENT"));
    }

    /**
     * Triggers fire in the order they were made, so when the list differs at all every trigger is dropped and the
     * wanted ones made in their order.
     */
    static void convergeTriggers(Connection c, List<Definition> wanted) throws SQLException {
        List<Definition> current = triggers(c);
        if (current.equals(wanted)) {
            return;
        }
        for (Definition t : current) {
            execute(c, "DROP TRIGGER IF EXISTS " + q(t.name()));
        }
        for (Definition t : wanted) {
            create(c, t);
        }
    }

    static void dropTriggers(Connection c) throws SQLException {
        for (Definition t : triggers(c)) {
            execute(c, "DROP TRIGGER IF EXISTS " + q(t.name()));
        }
    }

    /** Views are replaced in place ({@code CREATE OR REPLACE}), so one that stays never goes missing. */
    private static void convergeViews(Connection c, List<Definition> wanted) throws SQLException {
        Map<String, Definition> current = byName(views(c));
        for (Definition v : current.values()) {
            if (wanted.stream().noneMatch(w -> w.name().equals(v.name()))) {
                execute(c, "DROP VIEW IF EXISTS " + q(v.name()));
            }
        }
        for (Definition v : wanted) {
            Definition now = current.get(v.name());
            if (now == null || !now.statement().equals(v.statement())) {
                execute(c, orReplace(v.statement()));
            }
        }
    }

    private static void convergeByName(Connection c, List<Definition> current, List<Definition> wanted)
            throws SQLException {
        for (Definition d : current) {
            if (!wanted.contains(d)) {
                execute(c, "DROP " + d.kind() + " IF EXISTS " + q(d.name()));
            }
        }
        for (Definition d : wanted) {
            if (!current.contains(d)) {
                create(c, d);
            }
        }
    }

    /** SHOW CREATE VIEW says {@code CREATE ALGORITHM=...}: the same with OR REPLACE. */
    static String orReplace(String createView) {
        return createView.regionMatches(true, 0, "CREATE ", 0, 7) ? "CREATE OR REPLACE " + createView.substring(7)
                : createView;
    }

    private static List<Definition> only(List<Definition> all, String... kinds) {
        List<String> wanted = List.of(kinds);
        return all.stream().filter(d -> wanted.contains(d.kind())).toList();
    }

    private static Map<String, Definition> byName(List<Definition> list) {
        Map<String, Definition> out = new LinkedHashMap<>();
        for (Definition d : list) {
            out.put(d.name(), d);
        }
        return out;
    }

    /** {kind, name, sql_mode, CREATE ...} of each named object, from SHOW CREATE (its statement in column col). */
    private static List<Definition> definitions(Connection c, String kind, String namesSql, int col)
            throws SQLException {
        List<Definition> out = new ArrayList<>();
        for (String name : CatalogRows.list(c, namesSql)) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW CREATE " + kind + " " + q(name))) {
                rs.next();
                out.add(new Definition(kind, name, rs.getString(2), rs.getString(col)));
            }
        }
        return out;
    }

    /** Runs a CREATE under the sql_mode the object was made with, as its body was parsed under it. */
    static void create(Connection c, Definition d) throws SQLException {
        if (d.sqlMode() == null) {
            execute(c, d.statement());
            return;
        }
        String mode = CatalogRows.list(c, "SELECT @@SESSION.sql_mode").get(0);
        try (PreparedStatement ps = c.prepareStatement("SET SESSION sql_mode = ?")) {
            ps.setString(1, d.sqlMode());
            ps.execute();
            try {
                execute(c, d.statement());
            } finally {
                ps.setString(1, Objects.requireNonNullElse(mode, ""));
                ps.execute();
            }
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String q(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
