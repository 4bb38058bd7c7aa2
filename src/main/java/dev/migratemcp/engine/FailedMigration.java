package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
/**
 * A migration that failed, as recorded in the history table.
 *
 * @param statementsDone statements that took effect before the failure (0 when everything was rolled back)
 * @param errorStatement 1-based index of the failing statement; null when the run was interrupted (killed) and
 *                       which statement was running is not known
 * @param blocking       true when the database may hold part of the migration, so nothing else may run until it is
 *                       resolved
 * @param inDoubt        the statement whose end the history did not see (it ran outside any transaction and the
 *                       run stopped), with what the live schema says of it; null when none is in doubt
 */
public record FailedMigration(Version version, String description, String direction, int statementsDone,
                              int statementsTotal, Integer errorStatement, String sqlState, String error,
                              boolean blocking, String hint, StatementInDoubt inDoubt) {
}
