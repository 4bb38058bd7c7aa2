package dev.migratemcp.mcp;

import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ProgressListener;
import io.modelcontextprotocol.server.McpSyncServerExchange;

/** What a tool call may use: the engine, the client's session, progress reporting and the server's settings. */
record ToolContext(MigrationEngine engine, McpSyncServerExchange exchange, ProgressListener progress,
                   Object progressToken, ServeSettings settings) {
}
