package dev.migratemcp.engine;

/** A migration file's text, for showing it as it is (the MCP resource {@code migration://{version}}). */
public record MigrationSource(long version, String description, String fileName, String text) {
}
