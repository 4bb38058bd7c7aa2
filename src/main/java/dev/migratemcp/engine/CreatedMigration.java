package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
/**
 * A migration file written by create_migration.
 *
 * @param test the rehearsal's result when one was asked for (the file stays even when it failed), else null
 */
public record CreatedMigration(Version version, String description, String file, String checksum, TestReport test) {
}
