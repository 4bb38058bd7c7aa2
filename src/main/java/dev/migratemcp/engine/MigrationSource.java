package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
/** A migration file's text, for showing it as it is (the MCP resource {@code migration://{version}}). */
public record MigrationSource(Version version, String description, String fileName, String text) {
}
