package dev.migratemcp.engine;

import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationScript;
import dev.migratemcp.migration.MigrationStatement;

import java.util.ArrayList;
import java.util.List;

/**
 * Works out, for a failed migration, which repairs are possible and exactly which statements each would run.
 *
 * <p>revert_partial relies on the convention that a down section undoes the up section statement by statement in
 * reverse order (down statement 1 undoes the last up statement). It is offered only where the two sections have
 * the same number of statements, the one case where that mapping can hold.
 */
final class RepairPlanner {

    /** What a repair runs: statements of one direction, from a 1-based position within it. */
    record Run(Direction direction, int firstIndex, List<MigrationStatement> statements) {
    }

    private final HistoryRow row;
    private final Migration file;
    private final Direction failed;

    RepairPlanner(HistoryRow row, Migration file) {
        this.row = row;
        this.file = file;
        this.failed = "down".equals(row.direction()) ? Direction.DOWN : Direction.UP;
    }

    Direction failedDirection() {
        return failed;
    }

    List<RepairReport.Option> options() {
        List<RepairReport.Option> out = new ArrayList<>();
        String done = row.done() + " statement(s) of the " + failed.id() + " section took effect";
        out.add(new RepairReport.Option(RepairAction.MARK_REVERTED.id(), true, failed == Direction.UP
                ? "use after undoing by hand the " + done + "; the migration becomes pending again"
                : "use after finishing the revert by hand (" + done + "); the migration becomes pending",
                List.of()));
        String problem = fileProblem();
        Run resume = problem == null ? resumeRun() : null;
        out.add(new RepairReport.Option(RepairAction.RESUME.id(), resume != null, resume != null
                ? "runs the remaining statements of the " + failed.id() + " section, after you fixed the cause"
                : problem != null ? problem : "the " + failed.id() + " section has nothing left to run",
                resume == null ? List.of() : planned(resume)));
        Run revert = problem == null ? revertRun() : null;
        out.add(new RepairReport.Option(RepairAction.REVERT_PARTIAL.id(), revert != null, revert != null
                ? "runs the " + (failed == Direction.UP ? "down" : "up") + " statements that undo the " + done
                : problem != null ? problem : revertProblem(), revert == null ? List.of() : planned(revert)));
        return out;
    }

    /** The statements an action runs; null when it is not possible. */
    Run run(RepairAction action) {
        if (action == RepairAction.MARK_REVERTED) {
            return new Run(failed, 1, List.of());
        }
        if (fileProblem() != null) {
            return null;
        }
        return action == RepairAction.RESUME ? resumeRun() : revertRun();
    }

    String whyNot(RepairAction action) {
        String problem = fileProblem();
        if (problem != null) {
            return problem;
        }
        return action == RepairAction.RESUME ? "the " + failed.id() + " section has nothing left to run"
                : revertProblem();
    }

    private String fileProblem() {
        if (file == null) {
            return "the migration file is gone, so its statements are unknown";
        }
        if (row.checksum() != null && !row.checksum().equalsIgnoreCase(file.checksum())) {
            return "the migration file changed since the failed attempt, so its statements may not be the ones "
                    + "that ran";
        }
        return null;
    }

    private Run resumeRun() {
        MigrationScript script = file.script(failed).orElse(null);
        if (script == null || row.done() >= script.statements().size()) {
            return null;
        }
        List<MigrationStatement> all = script.statements();
        return new Run(failed, row.done() + 1, all.subList(row.done(), all.size()));
    }

    private Run revertRun() {
        Direction other = failed == Direction.UP ? Direction.DOWN : Direction.UP;
        MigrationScript forward = file.script(failed).orElse(null);
        MigrationScript backward = file.script(other).orElse(null);
        if (forward == null || backward == null || row.done() == 0
                || forward.statements().size() != backward.statements().size()) {
            return null;
        }
        // statement k (1-based) of one section is undone by statement n-k+1 of the other
        int n = backward.statements().size();
        List<MigrationStatement> all = backward.statements();
        return new Run(other, n - row.done() + 1, all.subList(n - row.done(), n));
    }

    private String revertProblem() {
        if (row.done() == 0) {
            return "nothing took effect, so there is nothing to undo (use mark_reverted)";
        }
        Direction other = failed == Direction.UP ? Direction.DOWN : Direction.UP;
        if (file.script(other).isEmpty()) {
            return "the migration has no " + other.id() + " section";
        }
        return "the up and down sections have different numbers of statements, so which ones undo what took "
                + "effect cannot be known; undo by hand and use mark_reverted";
    }

    private static List<PlannedStatement> planned(Run run) {
        List<PlannedStatement> out = new ArrayList<>();
        for (int i = 0; i < run.statements().size(); i++) {
            MigrationStatement s = run.statements().get(i);
            out.add(new PlannedStatement(run.firstIndex() + i, s.line(), s.sql(), s.batch()));
        }
        return out;
    }
}
