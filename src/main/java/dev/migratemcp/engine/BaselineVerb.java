package dev.migratemcp.engine;

import dev.migratemcp.dialect.MigrationLock;
import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationCatalog;
import dev.migratemcp.migration.Version;
import dev.migratemcp.schema.SchemaDiff;
import dev.migratemcp.schema.SchemaSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The baseline verb: an existing schema recorded as being at a version, once it is shown to be that version's. */
final class BaselineVerb {

    private final MigrationEngine engine;

    BaselineVerb(MigrationEngine engine) {
        this.engine = engine;
    }

    /**
     * Marks a database that already has the schema as being at {@code version} without running anything, after
     * checking that its live schema is what the migrations up to that version make: against the snapshot recorded
     * for the version when there is one, else against a rehearsal on a scratch database. Refuses on any difference.
     */
    BaselineReport baseline(Version version, boolean confirm) {
        MigrationCatalog catalog = engine.loadCatalog();
        if (!catalog.contains(version)) {
            throw new MigrateException(ErrorCode.UNKNOWN_VERSION, "no migration file has version " + version,
                    "Baseline to the version of a migration file.", Map.of("version", version), null);
        }
        int position = catalog.position(version);
        List<Migration> upTo = catalog.ordered().subList(0, position + 1);
        DatabaseState state = engine.withConnection(c -> new DatabaseState(catalog, engine.historyTable().read(c)));
        if (state.rows.stream().anyMatch(r -> r.failed() || r.version().isAbove(version))) {
            throw new MigrateException(ErrorCode.INVALID_ARGUMENT, "the history already has failed migrations or "
                    + "versions above " + version, "Baseline is for a database that has the schema but no (or an "
                    + "older) history; use status and repair first.", Map.of("version", version), null);
        }
        List<Migration> toMark = upTo.stream().filter(m -> !state.isApplied(m.version())).toList();
        SnapshotStore.Recorded recorded = engine.withConnection(c -> engine.snapshots().find(c, version)).orElse(null);
        String checkedAgainst = recorded != null ? "recorded_snapshot" : "rehearsal";
        SchemaSnapshot expected = recorded != null ? recorded.snapshot() : engine.rehearsals().rehearseUpTo(version);
        // the same snapshot as validation and the rehearsal take, covering the schemas the reference has too
        SchemaSnapshot live = engine.withConnection(c -> engine.snapshots().live(c, expected.schemas()));
        List<SchemaDiff.Difference> differences = SchemaDiff.between(expected, live);
        List<Version> versions = toMark.stream().map(Migration::version).toList();
        if (!differences.isEmpty()) {
            throw new MigrateException(ErrorCode.SCHEMA_MISMATCH, "the live schema is not what the migrations up to "
                    + version + " make (" + differences.size() + " difference(s)); nothing was marked",
                    "Bring the schema in line, or baseline to the version it matches.",
                    Map.of("differences", differences, "checked_against", checkedAgainst), null);
        }
        if (!confirm) {
            return new BaselineReport("confirmation_required", version, versions, checkedAgainst, List.of());
        }
        return engine.withConnection(c -> {
            try (MigrationLock ignored = engine.lock(c)) {
                engine.historyTable().ensure(c);
                engine.snapshots().ensure(c);
                for (Migration m : toMark) {
                    if (engine.historyTable().read(c).stream().noneMatch(r -> r.version().equals(m.version()))) {
                        engine.historyTable().insert(c, new HistoryRow(m.version(), m.description(), m.checksum(),
                                HistoryRow.APPLIED, Direction.UP.id(), Instant.now(), "baseline", null,
                                m.up().statements().size(), 0, null, null, null));
                    }
                }
                engine.snapshots().record(c, version);
            }
            return new BaselineReport("baselined", version, versions, checkedAgainst, List.of());
        });
    }
}
