package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.migration.Direction;

/** Hears about long work as it happens: the CLI prints it with --verbose, the MCP face sends notifications. */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
    };

    /** @param position 1-based position of this migration in the plan, out of {@code planSize} */
    default void migrationStarted(Version version, String description, Direction direction, int position, int planSize) {
    }

    default void statementDone(Version version, int statementIndex, int statementTotal) {
    }

    /** One key window of a batched statement is done; {@code batchTotal} is an upper bound for sparse keys. */
    default void batchDone(Version version, int statementIndex, long batchNumber, long batchTotal, long rowsAffected) {
    }

    default void migrationFinished(Version version, Direction direction, long executionMs) {
    }

    /**
     * Whether the client has asked to stop. The engine asks before each statement and each batch window; a
     * cancelled migration fails there like any other interruption (rolled back where the database allows, else a
     * failed history row that says how far it got).
     */
    default boolean cancelled() {
        return false;
    }

    /**
     * A backup is being written: {@code (0, 1)} once as it starts, {@code done} of {@code total} units as the copy
     * goes where the method can tell (pages for SQLite, tables for the built-in dumps), and {@code (total, total)}
     * once, when the backup is complete.
     */
    default void backupProgress(long done, long total) {
    }
}
