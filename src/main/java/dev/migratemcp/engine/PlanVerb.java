package dev.migratemcp.engine;

import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.RepeatableMigration;
import dev.migratemcp.migration.Version;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The plan verb: what bringing the database to a version would run, either way, with every risk and a plan id. */
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
        return engine.withState((c, state) -> {
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
            List<PlannedMigration> migrations = engine.withRisks(c, unmarked);
            Map<String, Integer> counts = new TreeMap<>();
            migrations.forEach(planned -> planned.statements()
                    .forEach(st -> st.risks().forEach(r -> counts.merge(r.kind(), 1, Integer::sum))));
            Version to = direction == Direction.UP ? engine.endVersion(state, plan)
                    : plan.isEmpty() ? current : targetVersion;
            List<RepeatableMigration> repeatablesAfter = direction == Direction.UP
                    ? engine.dueRepeatables(c, state.catalog) : List.of();
            String id = PlanFingerprint.of(state, direction, plan, repeatablesAfter, engine.snapshots().live(c).hash());
            return new PlanReport(id, direction.id(), current, to, migrations, counts,
                    repeatablesAfter.stream().map(RepeatableMigration::fileName).toList());
        });
    }
}
