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
 * <p>How far the failed section got is the history's statements_done, with two refinements: a batched statement
 * whose windows committed part-way (resume goes on from the next window; revert_partial undoes the statement), and
 * a statement in doubt, which ran outside any transaction and whose end was not recorded: the live schema says
 * whether it took effect ({@link StatementEffect}); where it cannot, resume and revert_partial wait for a person to
 * say so with mark_statement_done or mark_statement_not_done, and those options show the SQL that would follow.
 *
 * <p>revert_partial relies on the convention that a down section undoes the up section statement by statement in
 * reverse order (down statement 1 undoes the last up statement). It is offered only where the two sections have
 * the same number of statements, the one case where that mapping can hold.
 */
final class RepairPlanner {

    /**
     * What a repair runs: statements of one direction from a 1-based position within it (the ones before count as
     * done), after the cleanup statements; a batched first statement resumes at {@code batchFrom} when set. When
     * {@code finishBatch} is set, revert_partial first finishes that batched statement of the failed section (its
     * windows committed part-way; the statement that undoes it undoes it whole, so it must be whole first).
     */
    record Run(Direction direction, int firstIndex, List<MigrationStatement> statements, List<String> cleanup,
               Long batchFrom, Integer finishBatch) {
        Run(Direction direction, int firstIndex, List<MigrationStatement> statements, List<String> cleanup,
            Long batchFrom) {
            this(direction, firstIndex, statements, cleanup, batchFrom, null);
        }
    }

    /**
     * How far the failed section got: resume runs after {@code resumeAfter} (a batch from {@code batchFrom}),
     * revert_partial undoes the first {@code undoUpTo} statements; {@code cleanup} runs before either.
     */
    private record Position(int resumeAfter, Long batchFrom, int undoUpTo, List<String> cleanup) {
    }

    private final HistoryRow row;
    private final Migration file;
    private final StatementEffect.Effect doubt;
    private final Direction failed;
    private final Position position;

    /** @param doubt what the live schema says of the row's statement in doubt; null when there is none */
    RepairPlanner(HistoryRow row, Migration file, StatementEffect.Effect doubt) {
        this.row = row;
        this.file = file;
        this.doubt = doubt;
        this.failed = "down".equals(row.direction()) ? Direction.DOWN : Direction.UP;
        this.position = position();
    }

    private Position position() {
        if (row.statementStarted() != null) {
            int k = row.statementStarted();
            return switch (doubt == null ? StatementEffect.Outcome.UNKNOWN : doubt.outcome()) {
                case TOOK_EFFECT -> new Position(k, null, k, List.of());
                case NO_EFFECT -> new Position(k - 1, null, k - 1, List.of());
                case RERUNNABLE -> new Position(k - 1, null, k, List.of());
                case LEFT_INVALID_INDEX -> new Position(k - 1, null, k - 1, doubt.cleanup());
                case UNKNOWN -> null;
            };
        }
        if (row.batchNextKey() != null) {
            return new Position(row.done(), row.batchNextKey(), row.done() + 1, List.of());
        }
        return new Position(row.done(), null, row.done(), List.of());
    }

    Direction failedDirection() {
        return failed;
    }

    List<RepairReport.Option> options() {
        List<RepairReport.Option> out = new ArrayList<>();
        String done = position == null ? "statements 1 to " + (row.statementStarted() - 1) + " (and perhaps "
                + row.statementStarted() + ")" : position.undoUpTo + " statement(s)";
        done += " of the " + failed.id() + " section took effect";
        out.add(new RepairReport.Option(RepairAction.MARK_REVERTED.id(), true, failed == Direction.UP
                ? "use after undoing by hand the " + done + "; the migration becomes pending again"
                : "use after finishing the revert by hand (" + done + "); the migration becomes pending",
                List.of()));
        String problem = fileProblem();
        Run resume = problem == null ? resumeRun() : null;
        out.add(new RepairReport.Option(RepairAction.RESUME.id(), resume != null, resume != null
                ? resumeReason(resume) : problem != null ? problem : undecided(), resume == null ? List.of()
                : planned(resume)));
        Run revert = problem == null ? revertRun() : null;
        out.add(new RepairReport.Option(RepairAction.REVERT_PARTIAL.id(), revert != null, revert != null
                ? (revert.finishBatch() == null ? "" : "finishes the windows of batched statement "
                + revert.finishBatch() + " that did not run (from key " + position.batchFrom + "), then ")
                + "runs the " + revert.direction().id() + " statements that undo the " + done
                : problem != null ? problem : revertProblem(), revert == null ? List.of() : planned(revert)));
        if (position == null && problem == null) {
            out.add(settleOption(true));
            out.add(settleOption(false));
        }
        return out;
    }

    private String resumeReason(Run resume) {
        String clear = resume.cleanup().isEmpty() ? "" : "drops what the interrupted statement left behind, then ";
        if (resume.statements().isEmpty()) {
            return clear + "every statement of the " + failed.id() + " section took effect before the run stopped: "
                    + "nothing is left to run; records the migration as " + (failed == Direction.UP ? "applied"
                    : "reverted");
        }
        String from = resume.batchFrom() == null ? "" : " (the batched statement " + resume.firstIndex()
                + " from key " + resume.batchFrom() + ", its windows below that committed already)";
        return clear + "runs the remaining statements of the " + failed.id() + " section" + from
                + ", after you fixed the cause";
    }

    /** mark_statement_done / mark_statement_not_done: what resume would run once the person has answered. */
    private RepairReport.Option settleOption(boolean tookEffect) {
        int k = row.statementStarted();
        int after = tookEffect ? k : k - 1;
        MigrationScript script = file.script(failed).orElse(null);
        List<MigrationStatement> all = script == null ? List.of() : script.statements();
        Run then = new Run(failed, after + 1, all.subList(Math.min(after, all.size()), all.size()), List.of(), null);
        return new RepairReport.Option(tookEffect ? RepairAction.MARK_STATEMENT_DONE.id()
                : RepairAction.MARK_STATEMENT_NOT_DONE.id(), true, "records that statement " + k + " of the "
                + failed.id() + " section " + (tookEffect ? "took effect" : "did not take effect")
                + " (check the schema first: " + doubt.reason() + "). Nothing runs; resume then runs the statements "
                + "listed here (" + (then.statements().isEmpty() ? "none" : (after + 1) + " to " + all.size())
                + "), revert_partial undoes statements 1 to " + after, planned(then));
    }

    /** The statements an action runs; null when it is not possible. */
    Run run(RepairAction action) {
        if (action == RepairAction.MARK_REVERTED) {
            return new Run(failed, 1, List.of(), List.of(), null);
        }
        if (fileProblem() != null) {
            return null;
        }
        return switch (action) {
            case RESUME -> resumeRun();
            case REVERT_PARTIAL -> revertRun();
            case MARK_STATEMENT_DONE, MARK_STATEMENT_NOT_DONE -> position == null
                    ? new Run(failed, row.statementStarted(), List.of(), List.of(), null) : null;
            default -> null;
        };
    }

    String whyNot(RepairAction action) {
        String problem = fileProblem();
        if (problem != null) {
            return problem;
        }
        if (action == RepairAction.MARK_STATEMENT_DONE || action == RepairAction.MARK_STATEMENT_NOT_DONE) {
            return "no statement is in doubt (the history and the live schema say how far the migration got)";
        }
        if (position == null) {
            return undecided();
        }
        return action == RepairAction.RESUME ? "the " + failed.id() + " section has nothing left to run"
                : revertProblem();
    }

    private String undecided() {
        return "statement " + row.statementStarted() + " of the " + failed.id() + " section was running when the "
                + "run stopped, and " + (doubt == null ? "its file is not there to read"
                : doubt.reason()) + "; say which with mark_statement_done or mark_statement_not_done";
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
        if (script == null || position == null || position.resumeAfter > script.statements().size()) {
            return null;
        }
        List<MigrationStatement> all = script.statements();
        return new Run(failed, position.resumeAfter + 1, all.subList(position.resumeAfter, all.size()),
                position.cleanup, position.batchFrom);
    }

    private Run revertRun() {
        Direction other = failed == Direction.UP ? Direction.DOWN : Direction.UP;
        MigrationScript forward = file.script(failed).orElse(null);
        MigrationScript backward = file.script(other).orElse(null);
        if (forward == null || backward == null || position == null
                || position.undoUpTo == 0 && position.cleanup.isEmpty()
                || forward.statements().size() != backward.statements().size()) {
            return null;
        }
        // statement k (1-based) of one section is undone by statement n-k+1 of the other
        int n = backward.statements().size();
        int undo = position.undoUpTo;
        List<MigrationStatement> all = backward.statements();
        Integer finish = position.batchFrom == null ? null : position.resumeAfter + 1;
        return new Run(other, n - undo + 1, all.subList(n - undo, n), position.cleanup, null, finish);
    }

    private String revertProblem() {
        if (position == null) {
            return undecided();
        }
        if (position.undoUpTo == 0) {
            return "nothing took effect, so there is nothing to undo (use mark_reverted)";
        }
        Direction other = failed == Direction.UP ? Direction.DOWN : Direction.UP;
        if (file.script(other).isEmpty()) {
            return "the migration has no " + other.id() + " section";
        }
        return "the up and down sections have different numbers of statements, so which ones undo what took "
                + "effect cannot be known; undo by hand and use mark_reverted";
    }

    private List<PlannedStatement> planned(Run run) {
        List<PlannedStatement> out = new ArrayList<>();
        for (String sql : run.cleanup()) {
            out.add(new PlannedStatement(0, 0, sql, null));
        }
        if (run.finishBatch() != null) {
            MigrationStatement s = file.script(failed).orElseThrow().statements().get(run.finishBatch() - 1);
            out.add(new PlannedStatement(run.finishBatch(), s.line(), s.sql(), s.batch()));
        }
        for (int i = 0; i < run.statements().size(); i++) {
            MigrationStatement s = run.statements().get(i);
            out.add(new PlannedStatement(run.firstIndex() + i, s.line(), s.sql(), s.batch()));
        }
        return out;
    }
}
