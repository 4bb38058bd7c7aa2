package dev.migratemcp.engine;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.RepeatableMigration;
import dev.migratemcp.migration.Version;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plan verb: what bringing the database to a version would run, either way, with every risk and a plan id; and
 * the steps apply and rollback share with it (the risks marked, the plan id checked before a run).
 */
final class PlanVerb {

    private final MigrationEngine engine;

    PlanVerb(MigrationEngine engine) {
        this.engine = engine;
    }

    /**
     * The plan to bring the database to {@code targetVersion}: apply when it is at or above the current version, or
     * when it is a pending version below it and out of order is allowed ({@code outOfOrder} or the setting; refused
     * otherwise), rollback below it. Every statement carries its risks; the plan id binds it to the current state.
     */
    PlanReport plan(Version targetVersion, boolean outOfOrder) {
        boolean allowOutOfOrder = outOfOrder || engine.config().outOfOrder();
        // a MySQL restore cut short in its swap is settled first when the lock is free at once (so the plan is made
        // of the whole database), else refused: a plan of a half-swapped schema would be neither true nor runnable
        return engine.withCheckedState((c, state, restore) -> {
            InterruptedRestores.refuse(restore, "no plan is made");
            RunChecks.refuseOnProblems(state);
            Version current = state.currentVersion();
            Direction direction = !targetVersion.isBelow(current) || Planner.isPendingBelowCurrent(state, targetVersion)
                    ? Direction.UP : Direction.DOWN;
            List<Migration> plan = direction == Direction.UP
                    ? Planner.applyPlan(state, targetVersion, allowOutOfOrder)
                    : Planner.rollbackPlan(state, targetVersion);
            DestructionAnalyzer destruction = new DestructionAnalyzer(c, engine.database().dialect());
            List<PlannedMigration> unmarked = new ArrayList<>();
            for (Migration m : plan) {
                unmarked.add(PlannedMigration.of(m, direction, engine.database().dialect().transactionalDdl(),
                        direction == Direction.DOWN ? destruction.analyse(m.down().statements()) : List.of()));
            }
            List<PlannedMigration> migrations = withRisks(c, unmarked);
            Map<String, Integer> counts = new TreeMap<>();
            migrations.forEach(planned -> planned.statements()
                    .forEach(st -> st.risks().forEach(r -> counts.merge(r.kind(), 1, Integer::sum))));
            Version to = direction == Direction.UP ? endVersion(state, plan)
                    : plan.isEmpty() ? current : targetVersion;
            List<RepeatableMigration> repeatablesAfter = direction == Direction.UP
                    ? engine.dueRepeatables(c, state.catalog) : List.of();
            String id = PlanFingerprint.of(state, direction, plan, repeatablesAfter, engine.snapshots().live(c).hash());
            return new PlanReport(id, direction.id(), current, to, migrations, counts,
                    repeatablesAfter.stream().map(RepeatableMigration::fileName).toList());
        });
    }

    /** The plan with every statement's risks, writes to tables without transactions included (MySQL). */
    List<PlannedMigration> withRisks(Connection c, List<PlannedMigration> plan) throws SQLException {
        DatabaseKind kind = engine.database().dialect().kind();
        List<PlannedMigration> marked = plan.stream().map(m -> m.withRisks(kind)).toList();
        return NonTransactionalWrites.mark(marked, engine.database().dialect().storageEngines(c));
    }

    /** Refuses when a plan id was given and the plan about to run is not the one it was made for. */
    void checkPlanId(String planId, Connection c, DatabaseState state, Direction direction,
                     List<Migration> plan) throws SQLException {
        if (planId == null || planId.isBlank()) {
            return;
        }
        String now = PlanFingerprint.of(state, direction, plan, direction == Direction.UP
                ? engine.dueRepeatables(c, state.catalog) : List.of(), engine.snapshots().live(c).hash());
        if (!now.equalsIgnoreCase(planId.trim())) {
            throw new MigrateException(ErrorCode.PLAN_CHANGED, "the plan " + planId + " no longer matches the "
                    + "database and files: the version, a migration file or the schema changed since it was made",
                    "Make a new plan with plan_migration, review it, and run with its plan_id.",
                    Map.of("plan_id", planId), null);
        }
    }

    /** The version a plan of migrations up brings the database to: the highest of them and the current one. */
    static Version endVersion(DatabaseState state, List<Migration> plan) {
        Version max = state.currentVersion();
        for (Migration m : plan) {
            max = Version.max(max, m.version());
        }
        return max;
    }

    /** The plan's migrations as they would run in {@code direction}, without their risks marked. */
    List<PlannedMigration> planned(List<Migration> plan, Direction direction) {
        boolean dbTransactional = engine.database().dialect().transactionalDdl();
        return plan.stream().map(m -> PlannedMigration.of(m, direction, dbTransactional)).toList();
    }
}
