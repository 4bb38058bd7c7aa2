package dev.migratemcp.engine;

/**
 * A migration file written by create_migration.
 *
 * @param test the rehearsal's result when one was asked for (the file stays even when it failed), else null
 */
public record CreatedMigration(long version, String description, String file, String checksum, TestReport test) {
}
