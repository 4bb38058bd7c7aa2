package dev.migratemcp.migration;

import java.util.List;

/**
 * The statements of one direction of a migration, resolved for one database.
 *
 * @param transactional false when the file asks to run outside a transaction (e.g. PostgreSQL
 *                      {@code CREATE INDEX CONCURRENTLY}); the engine then records progress per statement
 */
public record MigrationScript(Direction direction, boolean transactional, List<MigrationStatement> statements) {

    public MigrationScript {
        statements = List.copyOf(statements);
    }
}
