package dev.migratemcp.mcp;

import dev.migratemcp.engine.InterruptedRestore;

/**
 * The words a lock-free reading tool (list_pending, get_history, show_migration) adds to its one text line about a
 * MySQL restore found cut short in its swap; interrupted_restore in the structured content says the rest.
 */
final class RestoreNote {

    private RestoreNote() {
    }

    /** Empty when no restore was found; else a sentence, led by a space, to append to the tool's line. */
    static String of(InterruptedRestore restore) {
        if (restore == null) {
            return "";
        }
        return restore.isUnsettled()
                ? " A restore was cut short in its swap and is not settled: the database may be half swapped (see "
                        + "interrupted_restore)."
                : " A restore cut short in its swap was settled first (see interrupted_restore).";
    }
}
