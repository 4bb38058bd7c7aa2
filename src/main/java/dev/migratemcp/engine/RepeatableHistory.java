package dev.migratemcp.engine;

import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.dialect.HistoryColumnTypes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The history of Flyway's repeatable scripts, in {@code <history table>_repeatables}: one row per repeatable, told
 * apart by its description as Flyway tells them apart, with the checksum it last ran with (Flyway's own, so that
 * one adopted from Flyway's history compares as it is). A repeatable has no version, so it has no place in the
 * version history: it is not pending, not current, never reverted; it runs again when its checksum changes.
 */
final class RepeatableHistory {

    static final String SUFFIX = "_repeatables";

    /**
     * One repeatable's last run.
     *
     * @param state    {@code applied}, or {@code failed}: the last run stopped (rolled back where the database
     *                 allows; on MySQL the statements before it took effect), and the next migrate runs it again
     */
    record Row(String description, String script, Integer checksum, String state, Instant appliedAt,
               String appliedBy, Long executionMs, String error) {
        boolean applied() {
            return HistoryRow.APPLIED.equals(state);
        }
    }

    private final Dialect dialect;
    private final String table;

    RepeatableHistory(Dialect dialect, String historyTable) {
        this.dialect = dialect;
        this.table = historyTable + SUFFIX;
    }

    String name() {
        return table;
    }

    boolean exists(Connection c) throws SQLException {
        return dialect.tableExists(c, table);
    }

    void ensure(Connection c) throws SQLException {
        if (dialect.tableExists(c, table)) {
            return;
        }
        HistoryColumnTypes t = dialect.historyColumnTypes();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (description " + t.shortText() + " NOT NULL PRIMARY KEY, script "
                    + t.longText() + ", checksum " + t.integer() + ", state " + t.shortText() + " NOT NULL, "
                    + "applied_at " + t.timestamp() + ", applied_by " + t.shortText() + ", execution_ms "
                    + t.bigint() + ", error " + t.longText() + ")");
        }
    }

    /** The rows by description; empty when the table does not exist yet. */
    Map<String, Row> read(Connection c) throws SQLException {
        Map<String, Row> rows = new LinkedHashMap<>();
        if (!exists(c)) {
            return rows;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT description, script, checksum, "
                + "state, applied_at, applied_by, execution_ms, error FROM " + table + " ORDER BY description")) {
            while (rs.next()) {
                int checksum = rs.getInt("checksum");
                Integer boxed = rs.wasNull() ? null : checksum;
                long ms = rs.getLong("execution_ms");
                Long boxedMs = rs.wasNull() ? null : ms;
                rows.put(rs.getString("description"), new Row(rs.getString("description"), rs.getString("script"),
                        boxed, rs.getString("state"), dialect.readTimestamp(rs, "applied_at"),
                        rs.getString("applied_by"), boxedMs, rs.getString("error")));
            }
        }
        return rows;
    }

    /** Replaces the row of this description; inside the caller's transaction when there is one. */
    void put(Connection c, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE description = ?")) {
            ps.setString(1, row.description());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (description, script, checksum, "
                + "state, applied_at, applied_by, execution_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, row.description());
            ps.setString(2, row.script());
            if (row.checksum() == null) {
                ps.setNull(3, Types.INTEGER);
            } else {
                ps.setInt(3, row.checksum());
            }
            ps.setString(4, row.state());
            dialect.bindTimestamp(ps, 5, row.appliedAt());
            ps.setString(6, row.appliedBy());
            if (row.executionMs() == null) {
                ps.setNull(7, Types.BIGINT);
            } else {
                ps.setLong(7, row.executionMs());
            }
            ps.setString(8, row.error());
            ps.executeUpdate();
        }
    }
}
