package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.dialect.HistoryColumnTypes;
import dev.migratemcp.json.Json;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.schema.Normalise;
import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.schema.SchemaSnapshot.TableInfo;
import dev.migratemcp.schema.SnapshotJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The schema each version should have: a snapshot of the live schema recorded when the engine brought the database
 * to that version, in the table {@code <history table>_snapshots}. Drift is the live schema against this record.
 *
 * <p>Every migration of a run records the version it reaches, so that a later rollback to any of them finds its
 * reference. Recording a whole schema after each of a thousand migrations would cost a thousand introspections and
 * a thousand copies of an ever larger document; instead (see {@link SnapshotRun}) the schema is carried from one
 * migration to the next in memory, a table is read again right after a migration only when a later migration of
 * the run names it too ({@link SchemaFootprint}; the others are taken from the run's last read), and a version is stored as its
 * difference from the one before (a delta naming its base by version and hash). Each version's record, delta or
 * whole, holds every kind of object in every schema covered, as a whole read would. The last version of a run is read
 * whole and stored whole, and also checks the carried schema: should they differ, the run's intermediate records are
 * dropped rather than trusted. A delta whose base was recorded again since (different hash) resolves to nothing, and
 * validation then finds its reference another way.
 */
final class SnapshotStore {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    private final Dialect dialect;
    private final String table;
    private final Set<String> excluded;

    SnapshotStore(Dialect dialect, String historyTable) {
        this(dialect, historyTable, Set.of());
    }

    /** @param otherHistories more tables of bookkeeping to leave out (another tool's history under its own name) */
    SnapshotStore(Dialect dialect, String historyTable, Set<String> otherHistories) {
        this.dialect = dialect;
        this.table = historyTable + "_snapshots";
        // the history another tool left (read by ForeignHistory, FlywayHistory) is that tool's bookkeeping, not the
        // schema; so is the record of repeatable scripts
        Set<String> names = new java.util.HashSet<>(List.of(historyTable, table, ForeignHistory.TABLE,
                historyTable + RepeatableHistory.SUFFIX, dev.migratemcp.migration.FlywaySettings.DEFAULT_TABLE));
        otherHistories.forEach(n -> names.add(n.toLowerCase(java.util.Locale.ROOT)));
        this.excluded = Set.copyOf(names);
    }

    /** A recorded snapshot, resolved to the whole schema. */
    record Recorded(Version version, SchemaSnapshot snapshot, Instant recordedAt) {
    }

    /** What the migration runner calls once a migration's statements have run, inside its transaction if any. */
    @FunctionalInterface
    interface Step {
        void record(Connection c) throws SQLException;
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
                dialect.introspector().tables(c, excluded, Set.of("w" + i));
            }
        } catch (SQLException | RuntimeException e) {
            // warming up is only an optimisation
        }
    }

    /** The schemas besides the connection's own that snapshots cover (see {@link SchemaScope}). */
    private volatile Set<String> schemas = Set.of();

    /** Sets the schemas besides the connection's own that live snapshots cover from now on. */
    void cover(Set<String> otherSchemas) {
        this.schemas = Set.copyOf(otherSchemas);
    }

    /** The live schema, without the migration tool's own tables. */
    SchemaSnapshot live(Connection c) throws SQLException {
        return dialect.introspector().snapshot(c, excluded, schemas);
    }

    /** As {@link #live(Connection)}, also covering {@code alsoSchemas} (those a reference recorded). */
    SchemaSnapshot live(Connection c, java.util.Collection<String> alsoSchemas) throws SQLException {
        Set<String> all = new HashSet<>(schemas);
        all.addAll(alsoSchemas);
        return dialect.introspector().snapshot(c, excluded, all);
    }

    /** Creates the table, or converts an older one's numeric version column to text. Runs under the lock. */
    void ensure(Connection c) throws SQLException {
        if (dialect.tableExists(c, table)) {
            VersionColumn.upgrade(c, dialect, table);
            return;
        }
        HistoryColumnTypes t = dialect.historyColumnTypes();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (version " + t.version() + " NOT NULL PRIMARY KEY, schema_hash "
                    + t.shortText() + " NOT NULL, snapshot " + t.document() + " NOT NULL, recorded_at "
                    + t.timestamp() + ")" + dialect.ownTableOptions());
        }
    }

    /** Records the live schema as the one {@code version} should have, replacing an earlier record. */
    SchemaSnapshot record(Connection c, Version version) throws SQLException {
        SchemaSnapshot snapshot = live(c);
        record(c, version, snapshot);
        return snapshot;
    }

    /** Records {@code snapshot} (whole) as the schema {@code version} should have, replacing an earlier record. */
    void record(Connection c, Version version, SchemaSnapshot snapshot) throws SQLException {
        String json = SnapshotJson.write(snapshot);
        writeAll(c, List.of(new Record(version, SchemaSnapshot.hashOf(json), json)));
    }

    /** One version's record as it is stored: the document (whole, or a delta on an earlier record) and its hash. */
    record Record(Version version, String hash, String document) {
    }

    /**
     * Stores these records, each replacing an earlier record of its version; of two for one version the later wins.
     * The deletes and the inserts each go as one batch: written one by one, the thousand records of a run of a
     * thousand migrations were two thousand round trips to the server, about half a second on PostgreSQL.
     */
    void writeAll(Connection c, List<Record> records) throws SQLException {
        Map<Version, Record> byVersion = new LinkedHashMap<>();
        records.forEach(r -> byVersion.put(r.version(), r));
        if (byVersion.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE version = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO " + table
                     + " (version, schema_hash, snapshot, recorded_at) VALUES (?, ?, ?, ?)")) {
            for (Record r : byVersion.values()) {
                del.setString(1, r.version().toString());
                del.addBatch();
                ins.setString(1, r.version().toString());
                ins.setString(2, r.hash());
                ins.setString(3, r.document());
                dialect.bindTimestamp(ins, 4, now);
                ins.addBatch();
            }
            del.executeBatch();
            ins.executeBatch();
        }
    }

    /**
     * The schema recorded for {@code version}, its deltas applied to their bases; empty when none was recorded or a
     * base it builds on was recorded again since.
     */
    Optional<Recorded> find(Connection c, Version version) throws SQLException {
        if (!dialect.tableExists(c, table)) {
            return Optional.empty();
        }
        List<JsonNode> deltas = new ArrayList<>();
        Set<Version> seen = new HashSet<>();
        Instant recordedAt = null;
        String expectedHash = null;
        Version at = version;
        try (PreparedStatement ps = c.prepareStatement("SELECT schema_hash, snapshot, recorded_at FROM " + table
                + " WHERE " + byVersion(c))) {
            while (true) {
                if (!seen.add(at)) {
                    return Optional.empty();
                }
                ps.setString(1, at.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || expectedHash != null && !expectedHash.equals(rs.getString(1))) {
                        return Optional.empty();
                    }
                    if (recordedAt == null) {
                        recordedAt = dialect.readTimestamp(rs, "recorded_at");
                    }
                    JsonNode document = Json.mapper().readTree(rs.getString(2));
                    if (!document.has("base_version")) {
                        Carried schema = new Carried(Json.mapper().treeToValue(document, SchemaSnapshot.class));
                        for (int i = deltas.size() - 1; i >= 0; i--) {
                            schema.apply(Change.read(deltas.get(i)));
                        }
                        return Optional.of(new Recorded(version, schema.snapshot(), recordedAt));
                    }
                    deltas.add(document);
                    JsonNode base = document.get("base_version");
                    at = Version.fromJson(base.isNumber() ? (Object) base.asLong() : base.asString());
                    expectedHash = document.get("base_hash").asString();
                }
            }
        }
    }

    /** The hash stored for {@code version} (of a whole schema, or of a delta), or null when there is no record. */
    String storedHash(Connection c, Version version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT schema_hash FROM " + table + " WHERE "
                + byVersion(c))) {
            ps.setString(1, version.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * The condition for one version. On the text column this release makes it is the key itself; a table an older
     * release made with a numeric column (read-only commands read it without converting it) is compared as text,
     * which no index serves: a delta chain of a thousand versions would scan the table a thousand times.
     */
    private String byVersion(Connection c) throws SQLException {
        return dialect.isTextColumn(c, table, "version") ? "version = ?"
                : "CAST(version AS " + dialect.historyColumnTypes().versionCast() + ") = ?";
    }

    void delete(Connection c, List<Version> versions) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE version = ?")) {
            for (Version v : versions) {
                ps.setString(1, v.toString());
                ps.executeUpdate();
            }
        }
    }

    // ---- deltas -------------------------------------------------------------------------------------------------

    /**
     * The kinds of object besides tables, views and triggers: routines, sequences, types, the other schemas covered
     * and extensions. A statement {@link SchemaFootprint} understands changes none of them, so they change only
     * with a whole read, and are carried as one.
     */
    record Others(List<SchemaSnapshot.RoutineInfo> routines, List<SchemaSnapshot.SequenceInfo> sequences,
                  List<SchemaSnapshot.TypeInfo> types, List<String> schemas,
                  List<SchemaSnapshot.ExtensionInfo> extensions, Map<String, String> schemaComments) {

        static Others of(SchemaSnapshot s) {
            return new Others(s.routines(), s.sequences(), s.types(), s.schemas(), s.extensions(),
                    s.schemaComments());
        }
    }

    /**
     * What one version changed of the schema before it: tables added or changed (whole), tables gone, and the views,
     * triggers and {@link Others} when they changed (null: as before). {@code complete} says the change was made by
     * this release, which carries every kind of object; a delta an older release stored carried tables, views and
     * triggers only, and the schema it resolves to is then compared as format 1 saw it.
     */
    record Change(List<TableInfo> tables, List<String> dropped, List<SchemaSnapshot.ViewInfo> views,
                  List<SchemaSnapshot.TriggerInfo> triggers, Others others, boolean complete) {

        static final Change NONE = new Change(List.of(), List.of(), null, null, null, true);

        /** The stored form: the change, after the base it applies to (by version and hash). */
        String document(Version baseVersion, String baseHash) {
            SchemaSnapshot changes = others == null
                    ? new SchemaSnapshot(SchemaSnapshot.CURRENT_FORMAT, tables, orNone(views), orNone(triggers),
                            List.of(), List.of(), List.of())
                    : new SchemaSnapshot(SchemaSnapshot.CURRENT_FORMAT, tables, orNone(views), orNone(triggers),
                            others.routines(), others.sequences(), others.types(), others.schemas(),
                            others.extensions(), others.schemaComments());
            String hash = SnapshotJson.write(List.of(baseHash));
            return "{\"base_version\":" + Json.compact(baseVersion) + ",\"base_hash\":" + hash.substring(1, hash.length() - 1)
                    + ",\"format\":" + SchemaSnapshot.CURRENT_FORMAT
                    + ",\"dropped_tables\":" + SnapshotJson.write(dropped) + ",\"views_changed\":" + (views != null)
                    + ",\"triggers_changed\":" + (triggers != null) + ",\"others_changed\":" + (others != null)
                    + ",\"changes\":" + SnapshotJson.write(changes) + "}";
        }

        private static <T> List<T> orNone(List<T> list) {
            return list == null ? List.of() : list;
        }

        /** Reads a stored delta; one without {@code format} is an older release's (see the record comment). */
        static Change read(JsonNode document) {
            SchemaSnapshot changes = Json.mapper().treeToValue(document.get("changes"), SchemaSnapshot.class);
            List<String> dropped = new ArrayList<>();
            document.get("dropped_tables").forEach(name -> dropped.add(name.asString()));
            boolean complete = document.has("format");
            return new Change(changes.tables(), dropped,
                    document.get("views_changed").asBoolean() ? changes.views() : null,
                    document.get("triggers_changed").asBoolean() ? changes.triggers() : null,
                    complete && document.get("others_changed").asBoolean() ? Others.of(changes) : null, complete);
        }
    }

    /**
     * A schema kept as a map from table name to table, so that a migration that touches a few tables of thousands
     * costs a few map operations, not a copy of the whole schema.
     */
    static final class Carried {
        /** by name, in the order the introspectors sort (Java's string order), so {@link #snapshot} equals theirs */
        private final java.util.TreeMap<String, TableInfo> tables = new java.util.TreeMap<>();
        /** the names of {@link #tables} by their lower case (table names compare case-insensitively) */
        private final Map<String, Set<String>> namesByLowerCase = new java.util.HashMap<>();
        private List<SchemaSnapshot.ViewInfo> views;
        private List<SchemaSnapshot.TriggerInfo> triggers;
        private Others others;
        /** the format of the snapshot this was made from; 1 once a delta of an older release is applied */
        private int format;
        /** the snapshot this was made from, while no change has been applied */
        private SchemaSnapshot whole;

        Carried(SchemaSnapshot s) {
            s.tables().forEach(this::put);
            views = s.views();
            triggers = s.triggers();
            others = Others.of(s);
            format = s.format();
            whole = s;
        }

        java.util.Collection<TableInfo> tables() {
            return tables.values();
        }

        SchemaSnapshot snapshot() {
            if (whole != null) {
                return whole;
            }
            List<TableInfo> all = new ArrayList<>(tables.values());
            // an older release's delta said nothing of the other kinds: what it resolves to is what format 1 saw
            return format == 1 ? new SchemaSnapshot(all, views, triggers)
                    : new SchemaSnapshot(format, all, views, triggers, others.routines(), others.sequences(),
                            others.types(), others.schemas(), others.extensions(), others.schemaComments());
        }

        private void put(TableInfo t) {
            tables.put(t.name(), t);
            namesByLowerCase.computeIfAbsent(t.name().toLowerCase(Locale.ROOT), k -> new HashSet<>()).add(t.name());
        }

        private void remove(String name) {
            tables.remove(name);
            Set<String> names = namesByLowerCase.get(name.toLowerCase(Locale.ROOT));
            if (names != null) {
                names.remove(name);
            }
        }

        void apply(Change change) {
            if (change != Change.NONE) {
                whole = null;
            }
            if (!change.complete()) {
                format = 1;
            }
            change.dropped().forEach(this::remove);
            change.tables().forEach(this::put);
            if (change.views() != null) {
                views = change.views();
            }
            if (change.triggers() != null) {
                triggers = change.triggers();
            }
            if (change.others() != null) {
                others = change.others();
            }
        }

        /** The change from this schema to {@code next}, read whole. */
        Change to(SchemaSnapshot next) {
            List<TableInfo> changed = new ArrayList<>();
            Set<String> present = new HashSet<>();
            for (TableInfo t : next.tables()) {
                present.add(t.name());
                if (!Objects.equals(tables.get(t.name()), t)) {
                    changed.add(t);
                }
            }
            List<String> dropped = tables.keySet().stream().filter(n -> !present.contains(n)).toList();
            Others nextOthers = Others.of(next);
            return new Change(changed, dropped, views.equals(next.views()) ? null : next.views(),
                    triggers.equals(next.triggers()) ? null : next.triggers(),
                    others.equals(nextOthers) ? null : nextOthers, true);
        }

        /**
         * The change made by re-reading the tables {@code names} (lower-cased) as {@code fresh}: those read replace
         * theirs, those named but not found are gone, and with them their triggers; views and the other kinds stay
         * (a statement that could change them is not one {@link SchemaFootprint} understands).
         */
        Change reread(Set<String> names, List<TableInfo> fresh) {
            Set<String> found = new HashSet<>();
            fresh.forEach(t -> found.add(t.name()));
            List<String> dropped = new ArrayList<>();
            for (String lower : names) {
                for (String name : namesByLowerCase.getOrDefault(lower, Set.of())) {
                    if (!found.contains(name)) {
                        dropped.add(name);
                    }
                }
            }
            List<TableInfo> changed = fresh.stream().filter(t -> !Objects.equals(tables.get(t.name()), t)).toList();
            List<SchemaSnapshot.TriggerInfo> remaining = dropped.isEmpty() ? triggers
                    : triggers.stream().filter(t -> !dropped.contains(t.table())).toList();
            return new Change(changed, dropped, null, remaining.size() == triggers.size() ? null : remaining, null,
                    true);
        }
    }

    // ---- one run ------------------------------------------------------------------------------------------------

    /** Starts recording a run of {@code plan} from {@code fromVersion} (see {@link SnapshotRun}). */
    SnapshotRun startRun(Connection c, Version fromVersion, List<Migration> plan) throws SQLException {
        return SnapshotRun.start(this, c, fromVersion, plan);
    }

    /** The tables named {@code lowerCaseNames} as they are now. */
    List<TableInfo> tables(Connection c, Set<String> lowerCaseNames) throws SQLException {
        return dialect.introspector().tables(c, excluded, lowerCaseNames);
    }

    /** The schemas beyond the connection's that the snapshot covers, which a table's re-read by name does not. */
    Set<String> otherSchemas() {
        return schemas;
    }
}
