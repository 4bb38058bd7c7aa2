package dev.migratemcp.engine;

import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.dialect.HistoryColumnTypes;
import dev.migratemcp.json.Json;
import dev.migratemcp.schema.Normalise;
import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.schema.SnapshotJson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The schema each version should have: a snapshot of the live schema recorded when the engine brought the database
 * to that version, in the table {@code <history table>_snapshots}. Drift is the live schema against this record.
 */
final class SnapshotStore {

    private final Dialect dialect;
    private final String table;
    private final Set<String> excluded;

    SnapshotStore(Dialect dialect, String historyTable) {
        this.dialect = dialect;
        this.table = historyTable + "_snapshots";
        // the history another tool left (read by ForeignHistory) is that tool's bookkeeping, not the schema
        this.excluded = Set.copyOf(List.of(historyTable, table, ForeignHistory.TABLE));
    }

    /** A recorded snapshot, as stored. */
    record Recorded(long version, String hash, SchemaSnapshot snapshot, Instant recordedAt) {
    }

    /**
     * Exercises the snapshot code on a made-up schema while migrations run, so that recording the real one at the end
     * of a run does not also pay for loading and interpreting that code on a cold JVM. For SQLite that includes the
     * introspection queries themselves, on a throwaway in-memory database.
     */
    void warmUp() {
        List<SchemaSnapshot.ColumnInfo> columns = List.of(new SchemaSnapshot.ColumnInfo("id",
                Normalise.type("INTEGER"), false, Normalise.defaultValue("CURRENT_TIMESTAMP", "datetime"), false));
        SchemaSnapshot sample = new SchemaSnapshot(List.of(new SchemaSnapshot.TableInfo("t", columns, List.of("id"),
                List.of(), List.of())), List.of(), List.of());
        SchemaSnapshot.hashOf(SnapshotJson.write(sample));
        if (dialect.kind() != dev.migratemcp.dialect.DatabaseKind.SQLITE) {
            return;
        }
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement s = c.createStatement()) {
            for (int i = 0; i < 40; i++) {
                s.execute("CREATE TABLE w" + i + " (id INTEGER PRIMARY KEY, p INTEGER REFERENCES w0 (id), "
                        + "name VARCHAR(20) NOT NULL DEFAULT 'x', at DATETIME DEFAULT CURRENT_TIMESTAMP)");
                s.execute("CREATE INDEX w" + i + "_name ON w" + i + " (name)");
            }
            for (int i = 0; i < 20; i++) {
                SnapshotJson.write(live(c));
            }
        } catch (SQLException | RuntimeException e) {
            // warming up is only an optimisation
        }
    }

    /** The live schema, without the migration tool's own tables. */
    SchemaSnapshot live(Connection c) throws SQLException {
        return dialect.introspector().snapshot(c, excluded);
    }

    void ensure(Connection c) throws SQLException {
        if (dialect.tableExists(c, table)) {
            return;
        }
        HistoryColumnTypes t = dialect.historyColumnTypes();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (version " + t.bigint() + " NOT NULL PRIMARY KEY, schema_hash "
                    + t.shortText() + " NOT NULL, snapshot " + t.document() + " NOT NULL, recorded_at "
                    + t.timestamp() + ")");
        }
    }

    /** Records the live schema as the one {@code version} should have, replacing an earlier record. */
    SchemaSnapshot record(Connection c, long version) throws SQLException {
        SchemaSnapshot snapshot = live(c);
        String json = SnapshotJson.write(snapshot);
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE version = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO " + table
                     + " (version, schema_hash, snapshot, recorded_at) VALUES (?, ?, ?, ?)")) {
            del.setLong(1, version);
            del.executeUpdate();
            ins.setLong(1, version);
            ins.setString(2, SchemaSnapshot.hashOf(json));
            ins.setString(3, json);
            dialect.bindTimestamp(ins, 4, Instant.now());
            ins.executeUpdate();
        }
        return snapshot;
    }

    Optional<Recorded> find(Connection c, long version) throws SQLException {
        if (!dialect.tableExists(c, table)) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT schema_hash, snapshot, recorded_at FROM " + table
                + " WHERE version = ?")) {
            ps.setLong(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                SchemaSnapshot snapshot = Json.mapper().readValue(rs.getString(2), SchemaSnapshot.class);
                return Optional.of(new Recorded(version, rs.getString(1), snapshot,
                        dialect.readTimestamp(rs, "recorded_at")));
            }
        }
    }
}
