package dev.migratemcp.engine;

import dev.migratemcp.backup.BackupManifest;
import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.MigrationLock;
import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationCatalog;
import dev.migratemcp.migration.RepeatableMigration;
import dev.migratemcp.migration.Version;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The apply verb (migrate): the dry run, the confirmation a plan that loses data needs, the backup before, the run of
 * the plan with its snapshots, and the repeatable scripts after.
 */
final class ApplyVerb {

    private final MigrationEngine engine;

    ApplyVerb(MigrationEngine engine) {
        this.engine = engine;
    }

    /**
     * Applies pending migrations, treating a plan with {@code data_loss} statements (DROP TABLE or COLUMN, TRUNCATE,
     * DELETE or UPDATE without WHERE, type changes) as destructive: unless {@code confirmed} it changes nothing and
     * returns status "confirmation_required" with the plan, every statement's risks marked. With {@code approved}
     * (versions in run order, as a person approved them) it runs only if the plan is still exactly that one.
     */
    ApplyReport apply(Version targetVersion, boolean dryRun, ProgressListener listener, String planId,
                      boolean outOfOrder, boolean confirmed, List<Version> approved) {
        boolean allowOutOfOrder = outOfOrder || engine.config().outOfOrder();
        PlanVerb plans = engine.plans();
        MigrationEngine.CatalogLoad catalog = engine.new CatalogLoad(!dryRun);
        return engine.withConnection(c -> {
            if (dryRun) {
                DatabaseState state = new DatabaseState(catalog.get(), engine.historyRows(c, catalog.get()));
                RunChecks.refuseOnProblems(state);
                List<Migration> plan = Planner.applyPlan(state, targetVersion, allowOutOfOrder);
                return new ApplyReport("dry_run", state.currentVersion(), PlanVerb.endVersion(state, plan), List.of(),
                        plans.withRisks(c, plans.planned(plan, Direction.UP)), RunChecks.notes(state), null,
                        toRun(engine.dueRepeatables(c, state.catalog)));
            }
            try (MigrationLock ignored = engine.lock(c)) {
                // decided before anything is written (not even the history table), under the lock that the run holds
                DatabaseState before = new DatabaseState(catalog.get(), engine.historyRows(c, catalog.get()));
                RunChecks.refuseOnProblems(before);
                List<Migration> checked = Planner.applyPlan(before, targetVersion, allowOutOfOrder);
                List<PlannedMigration> reviewed = plans.withRisks(c, plans.planned(checked, Direction.UP));
                boolean losesData = losesData(reviewed)
                        || repeatablesLoseData(engine.dueRepeatables(c, before.catalog));
                if (losesData && !confirmed) {
                    return new ApplyReport("confirmation_required", before.currentVersion(),
                            PlanVerb.endVersion(before, checked), List.of(), reviewed, RunChecks.notes(before), null,
                            toRun(engine.dueRepeatables(c, before.catalog)));
                }
                List<String> notes = new ArrayList<>();
                DatabaseState state = engine.prepareHistory(c, catalog, notes);
                RunChecks.refuseOnProblems(state);
                notes.addAll(RunChecks.notes(state));
                List<Migration> plan = Planner.applyPlan(state, targetVersion, allowOutOfOrder);
                plans.checkPlanId(planId, c, state, Direction.UP, plan);
                List<Version> versions = plan.stream().map(Migration::version).toList();
                List<Version> expected = approved != null ? approved
                        : checked.stream().map(Migration::version).toList();
                if (!expected.equals(versions)) {
                    throw new MigrateException(ErrorCode.PLAN_CHANGED, "the apply would now run " + versions
                            + ", not the " + (approved != null ? "approved " : "checked ") + expected,
                            "The database or the files changed since the plan was made; review the new plan.",
                            Map.of("expected", expected, "now", versions), null);
                }
                Version from = state.currentVersion();
                if (plan.isEmpty()) {
                    List<ApplyReport.RepeatableRun> ran = runRepeatables(c, state.catalog, listener);
                    return new ApplyReport(ran.isEmpty() ? "up_to_date" : "applied", from, from, List.of(), List.of(),
                            notes, null, ran);
                }
                BackupManifest backup = null;
                if (engine.config().backupBefore() == Config.BackupPolicy.ALWAYS || engine.config().backupBefore()
                        == Config.BackupPolicy.DESTRUCTIVE && (losesData
                        || plan.stream().anyMatch(Migration::backupRequired))) {
                    backup = engine.takeBackup(c, "before migrate to " + PlanVerb.endVersion(state, plan), listener);
                }
                List<ApplyReport.AppliedMigration> applied = runPlan(c, state, plan, listener);
                List<ApplyReport.RepeatableRun> ran;
                try {
                    ran = runRepeatables(c, state.catalog, listener);
                } catch (MigrateException e) {
                    throw e.withDetail("applied_before_failure",
                            applied.stream().map(ApplyReport.AppliedMigration::version).toList());
                }
                return new ApplyReport("applied", from, PlanVerb.endVersion(state, plan), applied, List.of(), notes,
                        backup, ran);
            }
        });
    }

    /**
     * Applies exactly these versions (in run order), skipping the planner: a scratch database rebuilt to hold what
     * another database's history says was applied, gaps included.
     */
    void applyExactly(List<Version> versions) {
        MigrationEngine.CatalogLoad catalog = engine.new CatalogLoad(false);
        engine.withConnection(c -> {
            try (MigrationLock ignored = engine.lock(c)) {
                DatabaseState state = engine.prepareHistory(c, catalog, new ArrayList<>());
                List<Migration> plan = state.catalog.ordered().stream().filter(m -> versions.contains(m.version()))
                        .filter(m -> !state.isApplied(m.version())).toList();
                runPlan(c, state, plan, ProgressListener.NONE);
                return runRepeatables(c, state.catalog, ProgressListener.NONE);
            }
        });
    }

    /** Runs an apply plan, recording the schema of every version it reaches (see {@link SnapshotStore}). */
    private List<ApplyReport.AppliedMigration> runPlan(Connection c, DatabaseState state, List<Migration> plan,
                                                       ProgressListener listener) throws SQLException {
        MigrationRunner runner = engine.runner(listener);
        SnapshotRun snapshotRun = engine.snapshots().startRun(c, state.currentVersion(), plan);
        List<ApplyReport.AppliedMigration> applied = new ArrayList<>();
        Version reached = state.currentVersion();
        for (int i = 0; i < plan.size(); i++) {
            Migration m = plan.get(i);
            reached = Version.max(reached, m.version());
            listener.migrationStarted(m.version(), m.description(), Direction.UP, i + 1, plan.size());
            long ms;
            try {
                ms = runner.apply(c, m, state.row(m.version()).isPresent(), snapshotRun.after(i, reached));
            } catch (MigrateException e) {
                snapshotRun.afterFailure(c);
                throw e.withDetail("applied_before_failure",
                        applied.stream().map(ApplyReport.AppliedMigration::version).toList());
            }
            listener.migrationFinished(m.version(), Direction.UP, ms);
            applied.add(new ApplyReport.AppliedMigration(m.version(), m.description(), ms,
                    m.up().statements().size()));
        }
        return applied;
    }

    /** Runs the repeatables that are due, after the versioned migrations, recording the schema they leave. */
    private List<ApplyReport.RepeatableRun> runRepeatables(Connection c, MigrationCatalog catalog,
                                                          ProgressListener listener) throws SQLException {
        List<RepeatableMigration> due = engine.dueRepeatables(c, catalog);
        if (due.isEmpty()) {
            return List.of();
        }
        engine.repeatableHistory().ensure(c);
        RepeatableRunner runner = new RepeatableRunner(engine.database().dialect(), engine.repeatableHistory(),
                listener, engine.redactor());
        List<ApplyReport.RepeatableRun> ran = new ArrayList<>();
        for (RepeatableMigration r : due) {
            long ms;
            try {
                ms = runner.run(c, r);
            } catch (MigrateException e) {
                throw e.withDetail("repeatables_run_before_failure",
                        ran.stream().map(ApplyReport.RepeatableRun::file).toList());
            }
            ran.add(new ApplyReport.RepeatableRun(r.fileName(), r.up().statements().size(), ms));
        }
        // the schema of the current version now includes what the repeatables made: record it so, or drift would
        // report their views as extra
        List<HistoryRow> rows = engine.historyTable().read(c);
        Version current = DatabaseState.currentVersionOf(rows);
        if (rows.stream().anyMatch(HistoryRow::applied)) {
            engine.snapshots().ensure(c);
            engine.snapshots().record(c, current, engine.snapshots().live(c));
        }
        return ran;
    }

    /**
     * Whether a repeatable script due to run holds a statement that destroys data (the same {@code data_loss} rule as
     * for a plan): then the migrate needs the same confirmation as a plan that loses data.
     */
    private boolean repeatablesLoseData(List<RepeatableMigration> due) {
        boolean dbTransactional = engine.database().dialect().transactionalDdl();
        return due.stream().anyMatch(r -> r.up().statements().stream().anyMatch(st -> RiskAnalyzer.analyse(st.sql(),
                engine.database().dialect().kind(), r.up().transactional() && dbTransactional).stream()
                .anyMatch(risk -> risk.kind().equals(Risk.DATA_LOSS))));
    }

    private static List<ApplyReport.RepeatableRun> toRun(List<RepeatableMigration> due) {
        return due.stream().map(r -> new ApplyReport.RepeatableRun(r.fileName(), r.up().statements().size(), 0))
                .toList();
    }

    /** Whether a plan (with risks marked) has a statement that destroys data. */
    static boolean losesData(List<PlannedMigration> plan) {
        return plan.stream().flatMap(m -> m.statements().stream()).flatMap(st -> st.risks().stream())
                .anyMatch(r -> r.kind().equals(Risk.DATA_LOSS));
    }
}
