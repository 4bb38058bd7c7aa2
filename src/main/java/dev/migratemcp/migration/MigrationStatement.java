package dev.migratemcp.migration;

/**
 * One statement of a migration as it will run on the target database.
 *
 * @param sql   the statement text, without its terminating semicolon
 * @param line  1-based line in the migration file where it starts, for error messages
 * @param batch non-null when the statement is to be run window by window over a key range
 */
public record MigrationStatement(String sql, int line, BatchSpec batch) {

    public boolean batched() {
        return batch != null;
    }
}
