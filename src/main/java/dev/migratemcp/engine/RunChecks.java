package dev.migratemcp.engine;

import dev.migratemcp.engine.ValidationReport.Problem;

import java.util.List;
import java.util.Map;

/**
 * What the history's problems mean for a run that would change the database: what refuses it, what it notes, and
 * how a failed migration is described with its way out.
 */
final class RunChecks {

    private RunChecks() {
    }

    /**
     * Refuses a run on a history it must not build on: a migration that failed part-way (nothing else runs until it
     * is resolved), or an error of the history checks (a checksum mismatch, a missing file, a dependency), the first
     * named with the number of the others.
     */
    static void refuseOnProblems(DatabaseState state) {
        HistoryRow blocking = state.blockingFailure().orElse(null);
        if (blocking != null) {
            FailedMigration f = failedMigration(blocking);
            throw new MigrateException(ErrorCode.FAILED_MIGRATION_PENDING, "version " + f.version()
                    + " failed part-way earlier (" + f.statementsDone() + " of " + f.statementsTotal()
                    + " statements took effect); nothing else runs until it is resolved", f.hint(),
                    Map.of("failed", f), null);
        }
        List<Problem> errors = HistoryChecks.check(state.catalog, state.rows).stream()
                .filter(p -> HistoryChecks.ERROR.equals(p.severity())).toList();
        if (errors.isEmpty()) {
            return;
        }
        Problem first = errors.get(0);
        ErrorCode code = switch (first.kind()) {
            case "checksum_mismatch" -> ErrorCode.CHECKSUM_MISMATCH;
            case "missing_file" -> ErrorCode.MISSING_MIGRATION_FILE;
            case "dependency_unsatisfied" -> ErrorCode.DEPENDENCY_VIOLATION;
            default -> ErrorCode.FAILED_MIGRATION_PENDING;
        };
        String hint = switch (code) {
            case CHECKSUM_MISMATCH -> "An applied migration must not change: restore the file as it was applied "
                    + "and put the new change in a new migration. If the edit is deliberate and leaves what the up "
                    + "SQL did unchanged (a corrected down section, comments), accept it with repair, action "
                    + "accept_checksum.";
            case MISSING_MIGRATION_FILE -> "Restore the missing migration files (they hold the down SQL) before "
                    + "changing this database.";
            default -> "Run validate to see every problem.";
        };
        throw new MigrateException(code, first.message() + (errors.size() > 1 ? " (and " + (errors.size() - 1)
                + " more problem(s))" : ""), hint, Map.of("problems", errors), null);
    }

    /** The warnings of the history checks, as the notes of a run (none stops it). */
    static List<String> notes(DatabaseState state) {
        return HistoryChecks.check(state.catalog, state.rows).stream()
                .filter(p -> HistoryChecks.WARNING.equals(p.severity())).map(Problem::message).toList();
    }

    /** A failed history row as status and the refusals describe it, with the way out as its hint. */
    static FailedMigration failedMigration(HistoryRow r) {
        return failedMigration(r, null);
    }

    /** As above, saying what is known of the statement that was running when the run stopped ({@code inDoubt}). */
    static FailedMigration failedMigration(HistoryRow r, StatementInDoubt inDoubt) {
        String doubt = inDoubt == null ? "" : " Statement " + inDoubt.index() + " was running when the run stopped: "
                + switch (inDoubt.outcome()) {
                    case "took_effect" -> "it took effect (" + inDoubt.reason() + ").";
                    case "no_effect" -> "it did not take effect (" + inDoubt.reason() + ").";
                    case "rerunnable" -> "running it again gives the same schema.";
                    case "left_invalid_index" -> inDoubt.reason() + "; repair drops it first.";
                    default -> inDoubt.reason() + ".";
                };
        String hint = r.blocking()
                ? r.done() + " statement(s) of version " + r.version() + " took effect." + doubt
                + " Run repair for version " + r.version() + " (without confirm) to see the ways out: resume after "
                + "fixing the cause, revert_partial, or mark_reverted after undoing it by hand."
                : "Nothing of this attempt took effect; apply will retry version " + r.version() + ".";
        return new FailedMigration(r.version(), r.description(), r.direction() == null ? "up" : r.direction(),
                r.done(), r.total(), r.errorStatement(), r.errorSqlstate(), r.error(), r.blocking(), hint, inDoubt);
    }
}
