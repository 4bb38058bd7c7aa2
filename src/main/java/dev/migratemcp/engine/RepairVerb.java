package dev.migratemcp.engine;

import dev.migratemcp.dialect.MigrationLock;
import dev.migratemcp.migration.Migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The repair verb: the ways out of a migration that failed part-way. */
final class RepairVerb {

    private final MigrationEngine engine;

    RepairVerb(MigrationEngine engine) {
        this.engine = engine;
    }

    /**
     * Shows the ways out of a failed migration or, with {@code confirm} and an action, takes one. Without confirm
     * nothing changes.
     */
    RepairReport repair(long version, String action, boolean confirm, ProgressListener listener) {
        RepairAction chosen = action == null || action.isBlank() ? null : RepairAction.parse(action);
        return engine.withConnection(c -> {
            if (!confirm || chosen == null) {
                DatabaseState state = engine.readState(c);
                HistoryRow row = failedRow(state, version);
                return repairReport("confirmation_required", row, state, new RepairPlanner(row,
                        state.catalog.find(version).orElse(null)).options(), null);
            }
            MigrationEngine.CatalogLoad catalog = engine.new CatalogLoad();
            try (MigrationLock ignored = engine.lock(c)) {
                DatabaseState state = engine.prepareHistory(c, catalog, new ArrayList<>());
                HistoryRow row = failedRow(state, version);
                Migration file = state.catalog.find(version).orElse(null);
                RepairPlanner planner = new RepairPlanner(row, file);
                RepairPlanner.Run run = planner.run(chosen);
                if (run == null) {
                    throw new MigrateException(ErrorCode.REPAIR_NOT_POSSIBLE, chosen.id() + " is not possible for "
                            + "version " + version + ": " + planner.whyNot(chosen), "Run repair without confirm "
                            + "to see the options that are.", Map.of("version", version, "action", chosen.id()), null);
                }
                if (chosen == RepairAction.MARK_REVERTED) {
                    engine.historyTable().delete(c, version);
                } else {
                    engine.runner(listener).repair(c, file, row, chosen, run);
                }
                DatabaseState after = new DatabaseState(state.catalog, engine.historyTable().read(c));
                // a repair that brings the database to a new version records that version's schema; after
                // mark_reverted the old reference stays, so validation shows whatever the hand-undo left behind
                if (chosen != RepairAction.MARK_REVERTED && after.currentVersion() != state.currentVersion()) {
                    engine.snapshots().record(c, after.currentVersion());
                }
                return repairReport("repaired", row, after, planner.options(), chosen.id());
            }
        });
    }

    private static HistoryRow failedRow(DatabaseState state, long version) {
        return state.row(version).filter(HistoryRow::failed).orElseThrow(() -> new MigrateException(
                ErrorCode.NOTHING_TO_REPAIR, "version " + version + " has no failed migration to repair",
                "get_current_version / status names the failed migration, if there is one.",
                Map.of("version", version), null));
    }

    private static RepairReport repairReport(String status, HistoryRow row, DatabaseState state,
                                             List<RepairReport.Option> options, String action) {
        return new RepairReport(status, row.version(), row.description(), row.direction() == null ? "up"
                : row.direction(), row.done(), row.statementsTotal() == null ? 0 : row.statementsTotal(), row.error(),
                options, action, state.currentVersion());
    }
}
