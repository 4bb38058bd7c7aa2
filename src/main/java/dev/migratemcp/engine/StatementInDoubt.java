package dev.migratemcp.engine;

/**
 * A statement that ran outside any transaction and whose end the history did not see (the run was killed, or the
 * connection broke), with what the live schema says of it.
 *
 * @param index   1-based index of the statement in the section that was running
 * @param outcome "took_effect", "no_effect", "rerunnable" (running it again gives the same schema),
 *                "left_invalid_index" (an invalid index must be dropped first) or "unknown" (the schema cannot say:
 *                repair then offers mark_statement_done and mark_statement_not_done, for a person who checked)
 * @param reason  what in the schema says so
 */
public record StatementInDoubt(int index, int line, String sql, String outcome, String reason) {
}
