package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import java.util.List;

/**
 * A failed migration (or an applied one whose file changed since) and what can be done about it, or what was done.
 *
 * @param status         "confirmation_required" (options only, nothing changed) or "repaired"
 * @param problem        "failed" (the migration failed part-way) or "file_changed" (it is applied, but its file no
 *                       longer has the checksum it was applied with)
 * @param direction      the direction that failed: "up" (applying) or "down" (reverting); "up" for file_changed
 * @param error          the failure's message, or what changed in the file
 * @param statementsDone statements of that direction that took effect
 * @param options        each action, whether it is possible here, and the SQL it would run
 * @param action         the action taken, when status is "repaired"
 * @param currentVersion the database's version after the repair (or now, when nothing was done)
 * @param inDoubt        the statement whose end the history did not see, and what the live schema says of it;
 *                       null when none is in doubt
 */
public record RepairReport(String status, String problem, Version version, String description, String direction,
                           int statementsDone,
                           int statementsTotal, String error, List<Option> options, String action,
                           Version currentVersion, StatementInDoubt inDoubt) {

    /**
     * @param reason     why it is not possible, or what it is for
     * @param statements the SQL it runs, in order; index 0 marks a statement that is not from the file (dropping
     *                   what an interrupted statement left behind)
     */
    public record Option(String action, boolean possible, String reason, List<PlannedStatement> statements) {
    }
}
