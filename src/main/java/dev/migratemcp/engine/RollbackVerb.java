package dev.migratemcp.engine;

import dev.migratemcp.backup.BackupManifest;
import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.MigrationLock;
import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.Version;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rollback verb: the plan of what a rollback would revert, and the rollback itself, newest first. */
final class RollbackVerb {

    private final MigrationEngine engine;

    RollbackVerb(MigrationEngine engine) {
        this.engine = engine;
    }

    /** What a rollback to the target would revert, newest first, with the down SQL. Changes nothing. */
    RollbackReport planRollback(Version targetVersion, String status) {
        return engine.withState((c, state) -> {
            RunChecks.refuseOnProblems(state);
            List<Migration> plan = Planner.rollbackPlan(state, targetVersion);
            Version from = state.currentVersion();
            String effective = plan.isEmpty() ? "up_to_date" : status;
            DestructionAnalyzer analyzer = new DestructionAnalyzer(c, engine.database().dialect());
            boolean dbTransactional = engine.database().dialect().transactionalDdl();
            List<PlannedMigration> willRevert = plan.stream().map(m -> PlannedMigration.of(m, Direction.DOWN,
                    dbTransactional, analyzer.analyse(m.down().statements()))).toList();
            return new RollbackReport(effective, from, plan.isEmpty() ? from
                    : targetVersion == null ? Version.ZERO : targetVersion, willRevert, List.of(),
                    List.of(), null);
        });
    }

    /**
     * Reverts applied migrations above {@code targetVersion} (every one when null), newest first; only if what would
     * be reverted is exactly {@code approved} (when given) and the plan matches {@code planId} (when given).
     */
    RollbackReport rollback(Version targetVersion, ProgressListener listener, List<Version> approved,
                            String planId) {
        MigrationEngine.CatalogLoad catalog = engine.new CatalogLoad(true);
        return engine.withConnection(c -> {
            try (MigrationLock ignored = engine.lock(c)) {
                List<String> notes = new ArrayList<>();
                DatabaseState state = engine.prepareHistory(c, catalog, notes);
                RunChecks.refuseOnProblems(state);
                List<Migration> plan = Planner.rollbackPlan(state, targetVersion);
                engine.plans().checkPlanId(planId, c, state, Direction.DOWN, plan);
                List<Version> versions = plan.stream().map(Migration::version).toList();
                if (approved != null && !approved.equals(versions)) {
                    throw new MigrateException(ErrorCode.PLAN_CHANGED, "the rollback would now revert " + versions
                            + ", not the approved " + approved, "The database changed since the plan was "
                            + "approved; show the new plan and ask again.",
                            Map.of("approved", approved, "now", versions), null);
                }
                Version from = state.currentVersion();
                if (plan.isEmpty()) {
                    return new RollbackReport("up_to_date", from, from, List.of(), List.of(), notes, null);
                }
                BackupManifest backup = null;
                if (engine.config().backupBefore() == Config.BackupPolicy.ALWAYS || engine.config().backupBefore()
                        == Config.BackupPolicy.DESTRUCTIVE && destroysData(c, plan)) {
                    backup = engine.takeBackup(c, "before rollback to " + (targetVersion == null ? "nothing"
                            : targetVersion), listener);
                }
                MigrationRunner runner = engine.runner(listener);
                List<RollbackReport.RevertedMigration> reverted = new ArrayList<>();
                for (int i = 0; i < plan.size(); i++) {
                    Migration m = plan.get(i);
                    listener.migrationStarted(m.version(), m.description(), Direction.DOWN, i + 1, plan.size());
                    long ms;
                    try {
                        ms = runner.revert(c, m, state.row(m.version()).orElseThrow());
                    } catch (MigrateException e) {
                        throw e.withDetail("reverted_before_failure",
                                reverted.stream().map(RollbackReport.RevertedMigration::version).toList());
                    }
                    listener.migrationFinished(m.version(), Direction.DOWN, ms);
                    reverted.add(new RollbackReport.RevertedMigration(m.version(), m.description(), ms,
                            m.down().statements().size()));
                }
                Version to = DatabaseState.currentVersionOf(engine.historyTable().read(c));
                return new RollbackReport("rolled_back", from, to, engine.plans().planned(plan, Direction.DOWN),
                        reverted, notes, backup);
            }
        });
    }

    /** Whether reverting the plan drops tables or columns or deletes rows (views and indexes hold no data). */
    private boolean destroysData(Connection c, List<Migration> plan) {
        DestructionAnalyzer analyzer = new DestructionAnalyzer(c, engine.database().dialect());
        return plan.stream().flatMap(m -> analyzer.analyse(m.down().statements()).stream())
                .anyMatch(d -> Set.of("table", "column", "rows").contains(d.kind()));
    }
}
