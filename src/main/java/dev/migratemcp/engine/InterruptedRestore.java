package dev.migratemcp.engine;

import java.util.List;

/**
 * A MySQL restore whose swap a lock-free reader (status, validate, describe-schema) found unsettled: the reader
 * either settled it itself, when it could take the migration lock at once, or says the database is not whole.
 *
 * @param state    "settled" (the reader finished or undid it, so the database is whole and what follows describes
 *                 it), or "unsettled" (the database may be half swapped: what follows describes that half state)
 * @param restores one line per restore: what settling did, or what is in doubt and where its journal is
 * @param reason   why it was not settled (another command holds the migration lock, the server is read-only,
 *                 settling failed); null when settled
 * @param hint     what to do; null when settled
 */
public record InterruptedRestore(String state, List<String> restores, String reason, String hint) {

    public static final String SETTLED = "settled";
    public static final String UNSETTLED = "unsettled";

    static InterruptedRestore settled(List<String> outcomes) {
        return new InterruptedRestore(SETTLED, outcomes, null, null);
    }

    static InterruptedRestore unsettled(List<String> restores, String reason, String hint) {
        return new InterruptedRestore(UNSETTLED, restores, reason, hint);
    }

    public boolean isUnsettled() {
        return UNSETTLED.equals(state);
    }

    /** One sentence for a message: the restores and why they stand. */
    String message() {
        return String.join("; ", restores) + (reason == null ? "" : "; not settled: " + reason);
    }
}
