package dev.migratemcp.engine;

import dev.migratemcp.dialect.MigrationLock;
import dev.migratemcp.engine.ValidationReport.Problem;
import dev.migratemcp.migration.MigrationCatalog;
import dev.migratemcp.migration.RepeatableMigration;
import dev.migratemcp.migration.Version;
import dev.migratemcp.schema.SchemaDiff;
import dev.migratemcp.schema.SchemaSnapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validate verb: the files against the history (checksums, missing files, failed migrations, dependencies, the
 * repeatables, an interrupted restore) and, as validate-schema, the version and the live schema against the one the
 * current version should have (drift).
 */
final class ValidateVerb {

    private final MigrationEngine engine;

    ValidateVerb(MigrationEngine engine) {
        this.engine = engine;
    }

    /** Files against history: checksums, missing files, failed migrations, dependencies. */
    ValidationReport validate() {
        return engine.withCheckedState((c, state, restore) -> {
            List<Problem> problems = new ArrayList<>(restoreProblems(restore));
            problems.addAll(HistoryChecks.check(state.catalog, state.rows));
            problems.addAll(repeatableProblems(c, state.catalog));
            return new ValidationReport(!HistoryChecks.hasErrors(problems), state.currentVersion(),
                    state.catalog.ordered().size(), state.rows.size(), null, false, problems);
        });
    }

    /**
     * Everything {@link #validate()} checks, plus the version against {@code expectedVersion} (when given) and the
     * live schema against the schema the current version should have: every object of each kind a snapshot holds
     * (see {@link SchemaSnapshot}) missing, extra or changed. That reference is the snapshot recorded when the engine
     * brought the database to this version; without one (migrated before snapshots existed, or by a repair), it is
     * made by rehearsing the applied migrations on a scratch database, never taken from the database itself. When
     * that cannot be done either (a file missing or changed, no scratch database), the report says there is no
     * reference and is not valid.
     *
     * @param recordReference record a rehearsed reference for next time (false: nothing is written)
     */
    ValidationReport validateSchema(Version expectedVersion, boolean recordReference) {
        return engine.withCheckedState((c, state, restore) -> {
            List<Problem> problems = new ArrayList<>(restoreProblems(restore));
            problems.addAll(HistoryChecks.check(state.catalog, state.rows));
            problems.addAll(repeatableProblems(c, state.catalog));
            Version current = state.currentVersion();
            if (expectedVersion != null && !expectedVersion.equals(current)) {
                problems.add(new Problem("version_mismatch", HistoryChecks.ERROR, current, null, "the database is "
                        + "at version " + current + ", expected " + expectedVersion));
            }
            SchemaSnapshot reference = null;
            if (!engine.historyTable().exists(c)) {
                problems.add(new Problem("not_managed", HistoryChecks.WARNING, null, engine.historyTable().name(),
                        "no history table: no migration has been applied here, so there is no recorded schema to "
                                + "compare"));
            } else if (state.appliedRows().isEmpty()) {
                reference = SchemaSnapshot.empty(); // what no migration makes: nothing of any kind
            } else {
                reference = engine.snapshots().find(c, current).map(SnapshotStore.Recorded::snapshot).orElse(null);
                if (reference == null) {
                    reference = rehearsedReference(c, state, recordReference, problems);
                }
            }
            // the live schema covers the schemas the reference recorded too, so that one dropped since is seen
            SchemaSnapshot live = engine.snapshots().live(c, reference == null ? List.of() : reference.schemas());
            if (reference != null) {
                for (SchemaDiff.Difference d : SchemaDiff.between(reference, live)) {
                    problems.add(new Problem(d.kind(), HistoryChecks.ERROR, current, d.object(), d.message()));
                }
            }
            return new ValidationReport(!HistoryChecks.hasErrors(problems), current, state.catalog.ordered().size(),
                    state.rows.size(), live.hash(), reference != null, problems);
        });
    }

    /**
     * What validate says of a MySQL restore found unsettled: an error while the database may be half swapped (so it
     * is never called valid), a note when this call settled it.
     */
    private static List<Problem> restoreProblems(InterruptedRestore restore) {
        if (restore == null) {
            return List.of();
        }
        if (restore.isUnsettled()) {
            return List.of(new Problem(StatusReport.RESTORE_INTERRUPTED, HistoryChecks.ERROR, null, null,
                    restore.message() + ". " + restore.hint()));
        }
        return restore.restores().stream().map(line -> new Problem("restore_settled", "info", null, null, line
                + " (settled by this call)")).toList();
    }

    /**
     * The schema the applied migrations make, rehearsed on a scratch database; null, with a {@code no_reference}
     * problem saying why, when they cannot be rehearsed.
     */
    private SchemaSnapshot rehearsedReference(Connection c, DatabaseState state, boolean record,
                                              List<Problem> problems) throws SQLException {
        Version current = state.currentVersion();
        SchemaSnapshot reference;
        try {
            reference = engine.rehearsals().rehearseApplied(state);
        } catch (MigrateException e) {
            problems.add(new Problem("no_reference", HistoryChecks.ERROR, current, null, "no schema snapshot is "
                    + "recorded for version " + current + " and none could be rehearsed: " + e.getMessage()));
            return null;
        }
        boolean recorded = record && state.blockingFailure().isEmpty();
        if (recorded) {
            try (MigrationLock ignored = engine.lock(c)) {
                engine.snapshots().ensure(c);
                engine.snapshots().record(c, current, reference);
            }
        }
        problems.add(new Problem("reference_rehearsed", "info", current, null, "no schema snapshot was recorded "
                + "for version " + current + "; the reference is what its " + state.appliedRows().size()
                + " applied migration(s) make on a scratch database" + (recorded ? ", recorded now for next time"
                : "")));
        return reference;
    }

    /**
     * What validate says of the repeatables (warnings: none stops a run): one whose last run failed, one recorded
     * whose script is gone (it stays as it last ran), and those the next migrate runs.
     */
    private List<Problem> repeatableProblems(Connection c, MigrationCatalog catalog) throws SQLException {
        List<Problem> problems = new ArrayList<>();
        Map<String, RepeatableHistory.Row> rows = engine.repeatableRows(c, catalog);
        Set<String> files = new HashSet<>();
        catalog.repeatables().forEach(r -> files.add(r.description()));
        for (RepeatableHistory.Row row : rows.values()) {
            if (!row.applied()) {
                problems.add(new Problem("repeatable_failed", HistoryChecks.WARNING, null, row.script(), "the last "
                        + "run of the repeatable script " + row.script() + " failed; the next migrate runs it again: "
                        + row.error()));
            } else if (!files.contains(row.description())) {
                problems.add(new Problem("repeatable_missing", HistoryChecks.WARNING, null, row.script(), "the "
                        + "repeatable '" + row.description() + "' ran here, and no script has that description now "
                        + "(what it made stays as it was)"));
            }
        }
        for (RepeatableMigration r : engine.dueRepeatables(c, catalog)) {
            RepeatableHistory.Row row = rows.get(r.description());
            if (row == null || row.applied()) {
                problems.add(new Problem("repeatable_pending", "info", null, r.fileName(), r.fileName() + " "
                        + (row == null ? "is new" : "changed since it ran") + ": the next migrate runs it"));
            }
        }
        return problems;
    }
}
