package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationCatalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The history another tool left in a database, read as that tool wrote it, so that a database it migrated continues
 * here with nothing run again:
 * <ul>
 *   <li>golang-migrate's {@code schema_migrations(version, dirty)}: one row, the version reached; every migration up
 *       to it is applied, and when {@code dirty} is true that version failed part-way (a failed migration here, which
 *       {@code repair} resolves);</li>
 *   <li>dbmate's {@code schema_migrations(version)}: one row per applied version.</li>
 * </ul>
 * The rows are copied into our history table once, when it is created; the other tool's table is left as it was
 * (read, never written), so the project can go back to that tool at the point where it left.
 */
final class ForeignHistory {

    static final String TABLE = "schema_migrations";
    static final String ADOPTED_BY = "adopted from ";

    /** What was found: the tool, the rows as our history would hold them, and what could not be taken over. */
    record Found(String tool, String table, List<HistoryRow> rows, List<String> notes,
                 Map<String, RepeatableHistory.Row> repeatables) {
        /** golang-migrate's or dbmate's, in {@link #TABLE}: versions only. */
        Found(String tool, List<HistoryRow> rows, List<String> notes) {
            this(tool, TABLE, rows, notes, Map.of());
        }

        /** Where the history comes from, for {@code status}. */
        String source() {
            return tool + "'s " + table;
        }
    }

    private ForeignHistory() {
    }

    /** The other tool's history, when the database holds one (and our history table is not that same table). */
    static Optional<Found> read(Connection c, Dialect dialect, String ourTable, MigrationCatalog catalog)
            throws SQLException {
        if (ourTable.equalsIgnoreCase(TABLE) || !dialect.tableExists(c, TABLE)) {
            return Optional.empty();
        }
        Set<String> columns = dialect.columnNames(c, TABLE);
        if (!columns.contains("version")) {
            return Optional.empty();
        }
        return Optional.of(columns.contains("dirty") ? golangMigrate(c, catalog) : dbmate(c, catalog));
    }

    private static Found golangMigrate(Connection c, MigrationCatalog catalog) throws SQLException {
        String tool = "golang-migrate";
        List<HistoryRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, dirty FROM " + TABLE + " ORDER BY version DESC")) {
            if (!rs.next()) {
                return new Found(tool, rows, notes); // golang-migrate deletes the row when it goes back to nothing
            }
            String text = rs.getString("version");
            boolean dirty = rs.getBoolean("dirty");
            Version reached;
            try {
                reached = Version.parse(text);
            } catch (IllegalArgumentException e) {
                notes.add("golang-migrate's " + TABLE + " holds version '" + text + "', which is not one here ("
                        + e.getMessage() + "): not adopted");
                return new Found(tool, rows, notes);
            }
            for (Migration m : catalog.ordered()) {
                if (m.version().isBelow(reached) || m.version().equals(reached) && !dirty) {
                    rows.add(applied(m.version(), m.description(), m.checksum(), tool));
                }
            }
            Migration last = catalog.find(reached).orElse(null);
            if (dirty) {
                rows.add(new HistoryRow(reached, last == null ? "adopted" : last.description(),
                        last == null ? null : last.checksum(), HistoryRow.FAILED, Direction.UP.id(), now(),
                        ADOPTED_BY + tool, null, last == null ? null : last.up().statements().size(), 0, null, null,
                        "golang-migrate left version " + reached + " dirty: it failed part-way and how far it got "
                                + "is not recorded; check the schema, then repair it"));
            } else if (last == null) {
                rows.add(applied(reached, "adopted", null, tool));
            }
        }
        return new Found(tool, rows, notes);
    }

    private static Found dbmate(Connection c, MigrationCatalog catalog) throws SQLException {
        String tool = "dbmate";
        List<HistoryRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM " + TABLE)) {
            while (rs.next()) {
                String text = rs.getString(1);
                Version version;
                try {
                    version = Version.parse(text);
                } catch (IllegalArgumentException e) {
                    notes.add("dbmate's " + TABLE + " holds version '" + text + "', which is not one here ("
                            + e.getMessage() + "): not adopted");
                    continue;
                }
                Optional<Migration> file = catalog.find(version);
                rows.add(applied(version, file.map(Migration::description).orElse("adopted"),
                        file.map(Migration::checksum).orElse(null), tool));
            }
        }
        rows.sort((a, b) -> a.version().compareTo(b.version()));
        return new Found(tool, rows, notes);
    }

    private static HistoryRow applied(Version version, String description, String checksum, String tool) {
        return new HistoryRow(version, description, checksum, HistoryRow.APPLIED, Direction.UP.id(), now(),
                ADOPTED_BY + tool, null, null, null, null, null, null);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
