package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.migration.Migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Decides which migrations an apply or a rollback runs, and refuses plans that would break a dependency. */
final class Planner {

    private Planner() {
    }

    /**
     * Pending migrations up to the target (all when null), in run order. A pending version below the current one (a
     * file added after later versions were applied) is refused unless {@code outOfOrder} allows it: running it after
     * them is a different history from the one its author tested, so it takes a decision, not a default.
     */
    static List<Migration> applyPlan(DatabaseState state, Version target, boolean outOfOrder) {
        if (target != null) {
            if (!target.isZero() && !state.catalog.contains(target) && !state.isApplied(target)) {
                throw new MigrateException(ErrorCode.UNKNOWN_VERSION, "no migration has version " + target,
                        "Use list_pending / pending or status to see the versions there are.",
                        Map.of("version", target), null);
            }
        }
        List<Migration> plan = state.pending().stream()
                .filter(m -> target == null || !m.version().isAbove(target)).toList();
        Set<Version> available = new HashSet<>();
        state.appliedRows().forEach(r -> available.add(r.version()));
        for (Migration m : plan) {
            for (Version dep : m.dependsOn()) {
                if (!available.contains(dep)) {
                    throw new MigrateException(ErrorCode.DEPENDENCY_VIOLATION, "version " + m.version()
                            + " depends on version " + dep + ", which is neither applied nor part of this plan",
                            "Apply up to version " + Version.max(dep, m.version()) + " or later, or apply "
                                    + dep + " first.",
                            Map.of("version", m.version(), "depends_on", dep), null);
                }
            }
            available.add(m.version());
        }
        if (!outOfOrder) {
            refuseOutOfOrder(state, plan);
        }
        return plan;
    }

    /** Whether {@code target} names a pending migration below the current version (a plan to it applies). */
    static boolean isPendingBelowCurrent(DatabaseState state, Version target) {
        return target.isBelow(state.currentVersion()) && state.catalog.contains(target) && !state.isApplied(target);
    }

    private static void refuseOutOfOrder(DatabaseState state, List<Migration> plan) {
        Version current = state.currentVersion();
        List<Version> below = plan.stream().map(Migration::version).filter(v -> v.isBelow(current)).toList();
        if (below.isEmpty()) {
            return;
        }
        throw new MigrateException(ErrorCode.OUT_OF_ORDER, "version" + (below.size() == 1 ? " " : "s ")
                + below.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                + (below.size() == 1 ? " is" : " are") + " pending below the current version " + current
                + "; applying out of order is refused by default",
                "If running it after the later versions is intended, allow out of order: --out-of-order (config "
                        + "file out_of_order: true, MIGRATE_MCP_OUT_OF_ORDER=true; MCP tools: out_of_order: true). "
                        + "Otherwise give it a version above " + current + ".",
                Map.of("versions", below, "current_version", current), null);
    }

    /**
     * Applied migrations above the target (every one when it is null: nothing applied, a migration 0 included),
     * newest first in run order. Refuses when an applied migration that stays
     * depends on one that would go, when a file is missing, or when a migration has no down section.
     */
    static List<Migration> rollbackPlan(DatabaseState state, Version target) {
        List<HistoryRow> toRevert = state.appliedRows().stream().filter(r -> target == null || r.version().isAbove(target)).toList();
        Set<Version> reverting = new HashSet<>();
        toRevert.forEach(r -> reverting.add(r.version()));
        List<Migration> plan = new ArrayList<>();
        for (HistoryRow row : toRevert) {
            Migration m = state.catalog.find(row.version()).orElseThrow(() -> new MigrateException(
                    ErrorCode.MISSING_MIGRATION_FILE, "version " + row.version() + " (" + row.description()
                    + ") is applied but its file is gone, so its down SQL is unknown",
                    "Restore the migration file, or roll back only to version " + row.version() + " or above.",
                    Map.of("version", row.version()), null));
            if (!m.reversible()) {
                throw new MigrateException(ErrorCode.IRREVERSIBLE_MIGRATION, "version " + m.version()
                        + " " + m.whyIrreversible() + ", so it cannot be reverted",
                        "Add " + m.whereDownGoes() + ", or roll back only to version "
                                + m.version() + " or above.", Map.of("version", m.version()), null);
            }
            plan.add(m);
        }
        for (HistoryRow staying : state.appliedRows()) {
            if (reverting.contains(staying.version())) {
                continue;
            }
            state.catalog.find(staying.version()).ifPresent(m -> {
                for (Version dep : m.dependsOn()) {
                    if (reverting.contains(dep)) {
                        throw new MigrateException(ErrorCode.DEPENDENCY_VIOLATION, "version " + m.version()
                                + " stays applied but depends on version " + dep + ", which this rollback reverts",
                                "Roll back to a version below " + m.version() + " so that it is reverted too.",
                                Map.of("version", m.version(), "depends_on", dep), null);
                    }
                }
            });
        }
        plan.sort(Comparator.comparingInt((Migration m) -> state.catalog.position(m.version())).reversed());
        return plan;
    }
}
