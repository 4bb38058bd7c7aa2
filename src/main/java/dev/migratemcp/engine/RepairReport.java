package dev.migratemcp.engine;

import java.util.List;

/**
 * A failed migration and what can be done about it, or what was done.
 *
 * @param status         "confirmation_required" (options only, nothing changed) or "repaired"
 * @param direction      the direction that failed: "up" (applying) or "down" (reverting)
 * @param statementsDone statements of that direction that took effect
 * @param options        each action, whether it is possible here, and the SQL it would run
 * @param action         the action taken, when status is "repaired"
 * @param currentVersion the database's version after the repair (or now, when nothing was done)
 */
public record RepairReport(String status, long version, String description, String direction, int statementsDone,
                           int statementsTotal, String error, List<Option> options, String action,
                           long currentVersion) {

    /**
     * @param reason why it is not possible, or what it is for
     */
    public record Option(String action, boolean possible, String reason, List<PlannedStatement> statements) {
    }
}
