package dev.migratemcp.migration;

import java.util.List;

/**
 * The statements of one direction of a migration, resolved for one database.
 *
 * @param transactional false when the file asks to run outside a transaction, or when it does not say and a
 *                      statement cannot run inside one ({@link NonTransactionalStatements}, e.g. PostgreSQL
 *                      {@code CREATE INDEX CONCURRENTLY}); the engine then records progress per statement
 * @param file          the file the statements come from (their line numbers count in it): the migration's own
 *                      file, or for layouts that keep up and down apart, the up or the down file
 */
public record MigrationScript(Direction direction, boolean transactional, List<MigrationStatement> statements,
                              String file) {

    public MigrationScript {
        statements = List.copyOf(statements);
    }
}
