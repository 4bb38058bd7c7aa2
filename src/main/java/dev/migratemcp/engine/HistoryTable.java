package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.dialect.HistoryColumnTypes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and writes the history table. An older table of the simple form {@code (version, description, applied_at)}
 * is adopted in place: the missing columns are added and its rows kept, counted as applied. A table whose version
 * column is a number (as releases before dotted versions made it) is converted to text in place; see
 * {@link VersionColumn}.
 */
final class HistoryTable {

    /** A column: its name, its type on a given database, and the clause that fills it for rows already there. */
    private record Column(String name, Function<HistoryColumnTypes, String> type, String extra) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("version", HistoryColumnTypes::version, "NOT NULL PRIMARY KEY"),
            new Column("description", HistoryColumnTypes::longText, ""),
            new Column("checksum", HistoryColumnTypes::shortText, ""),
            new Column("state", HistoryColumnTypes::shortText, "NOT NULL DEFAULT 'applied'"),
            new Column("direction", HistoryColumnTypes::shortText, ""),
            new Column("applied_at", HistoryColumnTypes::timestamp, ""),
            new Column("applied_by", HistoryColumnTypes::shortText, ""),
            new Column("execution_ms", HistoryColumnTypes::bigint, ""),
            new Column("statements_total", HistoryColumnTypes::integer, ""),
            new Column("statements_done", HistoryColumnTypes::integer, ""),
            new Column("error_statement", HistoryColumnTypes::integer, ""),
            new Column("error_sqlstate", HistoryColumnTypes::shortText, ""),
            new Column("error", HistoryColumnTypes::longText, ""),
            new Column("statement_started", HistoryColumnTypes::integer, ""),
            new Column("batch_next_key", HistoryColumnTypes::bigint, ""));

    /** Columns later releases added to our own table: adding them to a table of ours is no adoption. */
    private static final Set<String> ADDED_LATER = Set.of("statement_started", "batch_next_key");

    private static final String SELECT_COLUMNS = String.join(", ", COLUMNS.stream().map(Column::name).toList());

    private final Dialect dialect;
    private final String table;

    HistoryTable(Dialect dialect, String table) {
        this.dialect = dialect;
        this.table = table;
    }

    String name() {
        return table;
    }

    /** What {@link #ensure} found and did. */
    enum Setup { EXISTING, CREATED, ADOPTED }

    /** Creates the table, or adds what an older table lacks. Runs under the migration lock. */
    Setup ensure(Connection c) throws SQLException {
        HistoryColumnTypes types = dialect.historyColumnTypes();
        if (!dialect.tableExists(c, table)) {
            List<String> defs = COLUMNS.stream()
                    .map(col -> (col.name() + " " + col.type().apply(types) + " " + col.extra()).trim()).toList();
            execute(c, "CREATE TABLE " + table + " (" + String.join(", ", defs) + ")" + dialect.ownTableOptions());
            return Setup.CREATED;
        }
        Set<String> present = dialect.columnNames(c, table);
        if (!present.contains("version")) {
            throw new MigrateException(ErrorCode.INVALID_CONFIG, "table " + table
                    + " exists but has no 'version' column, so it is not a migration history table",
                    "Choose another history table name (--history-table) or rename the existing table.");
        }
        boolean added = false;
        for (Column col : COLUMNS) {
            if (!present.contains(col.name())) {
                String extra = col.extra().replace("NOT NULL PRIMARY KEY", "");
                execute(c, ("ALTER TABLE " + table + " ADD COLUMN " + col.name() + " " + col.type().apply(types) + " "
                        + extra).trim());
                added |= !ADDED_LATER.contains(col.name());
            }
        }
        VersionColumn.upgrade(c, dialect, table);
        return added ? Setup.ADOPTED : Setup.EXISTING;
    }

    boolean exists(Connection c) throws SQLException {
        return dialect.tableExists(c, table);
    }

    /**
     * All rows in version order; an empty list when the table does not exist yet. Works on an unadopted older table
     * and on one whose version column is still a number (read as text, sorted here, not in SQL).
     */
    List<HistoryRow> read(Connection c) throws SQLException {
        return readIfExists(c).orElse(List.of());
    }

    /**
     * As {@link #read}, but empty when the table does not exist, for a caller that does something else then: one
     * question about the table instead of asking whether it exists and then reading it (every status and tool call
     * reads the history; on PostgreSQL each question is a round trip).
     */
    java.util.Optional<List<HistoryRow>> readIfExists(Connection c) throws SQLException {
        if (!dialect.tableExists(c, table)) {
            return java.util.Optional.empty();
        }
        Set<String> present = dialect.columnNames(c, table);
        String select = present.containsAll(COLUMNS.stream().map(Column::name).toList()) ? SELECT_COLUMNS
                : String.join(", ", COLUMNS.stream().map(Column::name)
                        .map(n -> present.contains(n) ? n : "NULL AS " + n).toList());
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + select + " FROM " + table)) {
            while (rs.next()) {
                String state = rs.getString("state");
                rows.add(new HistoryRow(VersionColumn.read(rs, table), rs.getString("description"), rs.getString("checksum"),
                        state == null ? HistoryRow.APPLIED : state, rs.getString("direction"),
                        dialect.readTimestamp(rs, "applied_at"), rs.getString("applied_by"),
                        boxedLong(rs, "execution_ms"), boxedInt(rs, "statements_total"),
                        boxedInt(rs, "statements_done"), boxedInt(rs, "error_statement"),
                        rs.getString("error_sqlstate"), rs.getString("error"), boxedInt(rs, "statement_started"),
                        boxedLong(rs, "batch_next_key")));
            }
        }
        rows.sort(Comparator.comparing(HistoryRow::version));
        return java.util.Optional.of(rows);
    }

    void insert(Connection c, HistoryRow row) throws SQLException {
        String placeholders = String.join(", ", COLUMNS.stream().map(col -> "?").toList());
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + table + " (" + SELECT_COLUMNS + ") VALUES (" + placeholders + ")")) {
            ps.setString(1, row.version().toString());
            ps.setString(2, row.description());
            ps.setString(3, row.checksum());
            ps.setString(4, row.state());
            ps.setString(5, row.direction());
            dialect.bindTimestamp(ps, 6, row.appliedAt());
            ps.setString(7, row.appliedBy());
            setLong(ps, 8, row.executionMs());
            setInt(ps, 9, row.statementsTotal());
            setInt(ps, 10, row.statementsDone());
            setInt(ps, 11, row.errorStatement());
            ps.setString(12, row.errorSqlstate());
            ps.setString(13, row.error());
            setInt(ps, 14, row.statementStarted());
            setLong(ps, 15, row.batchNextKey());
            ps.executeUpdate();
        }
    }

    /**
     * Replaces the row for this version (or creates it). Outside a transaction the delete and insert get one of
     * their own, so no crash can fall between them and lose the row.
     */
    void put(Connection c, HistoryRow row) throws SQLException {
        if (!c.getAutoCommit()) {
            delete(c, row.version());
            insert(c, row);
            return;
        }
        c.setAutoCommit(false);
        try {
            delete(c, row.version());
            insert(c, row);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    void delete(Connection c, Version version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE version = ?")) {
            ps.setString(1, version.toString());
            ps.executeUpdate();
        }
    }

    /**
     * Records that statements up to {@code statementsDone} took effect, with nothing in doubt. Inside a statement's
     * own transaction it commits with it; outside, it is one statement and so atomic by itself.
     */
    void recordDone(Connection c, Version version, int statementsDone) throws SQLException {
        update(c, version, "statements_done = ?, statement_started = NULL, batch_next_key = NULL", "", statementsDone);
    }

    /** Records that a statement that runs outside any transaction is about to start (its end is then in doubt). */
    void recordStarted(Connection c, Version version, int statementIndex) throws SQLException {
        update(c, version, "statement_started = ?", "", statementIndex);
    }

    /** Records that a batched statement's windows below {@code nextKey} took effect; commits with the window. */
    void recordWindow(Connection c, Version version, long nextKey) throws SQLException {
        update(c, version, "batch_next_key = ?", "", nextKey);
    }

    /** Records {@code checksum} as the one version {@code version} was applied with (repair accept_checksum). */
    void replaceChecksum(Connection c, Version version, String checksum) throws SQLException {
        update(c, version, "checksum = ?", "", checksum);
    }

    /** Records the checksum of an adopted row that had none: the file as it is now is taken as what was applied. */
    void fillChecksum(Connection c, Version version, String checksum) throws SQLException {
        update(c, version, "checksum = ?", " AND checksum IS NULL", checksum);
    }

    /** {@code UPDATE <table> SET <assignments> WHERE version = ?<condition>}, the assignments' values first. */
    private void update(Connection c, Version version, String assignments, String condition, Object... values)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + assignments
                + " WHERE version = ?" + condition)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.setString(values.length + 1, version.toString());
            ps.executeUpdate();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Long boxedLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer boxedInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
