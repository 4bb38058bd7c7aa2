package dev.migratemcp.mcp;

import dev.migratemcp.engine.MigrationEngine;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;

import java.time.Duration;

/** Builds the MCP server for a transport: tools, resources, prompt and instructions over one shared engine. */
public final class MigrateMcpServer {

    public static final String NAME = "migrate-mcp";
    public static final String VERSION = "0.1.0";

    private static final String INSTRUCTIONS = "migrate-mcp manages the schema migrations of one database. Start "
            + "with get_current_version, preview with apply_migration dry_run: true, and never roll back without "
            + "showing the user the will_revert plan. Errors come back as results with error {code, message, hint}.";
    /** Migrations can run long; the SDK's default request timeout would cut them off. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofHours(2);

    private MigrateMcpServer() {
    }

    public static McpSyncServer stdio(McpServerTransportProvider transport, MigrationEngine engine,
                                      ServeSettings settings) {
        return configure(McpServer.sync(transport), engine, settings);
    }

    public static McpSyncServer streamable(McpStreamableServerTransportProvider transport, MigrationEngine engine,
                                           ServeSettings settings) {
        return configure(McpServer.sync(transport), engine, settings);
    }

    private static McpSyncServer configure(McpServer.SyncSpecification<?> spec, MigrationEngine engine,
                                           ServeSettings settings) {
        return spec.serverInfo(NAME, VERSION)
                .instructions(INSTRUCTIONS)
                .requestTimeout(REQUEST_TIMEOUT)
                // arguments are checked by the tools themselves, so that mistakes come back as structured errors
                .validateToolInputs(false)
                .capabilities(ServerCapabilities.builder().tools(false).resources(false, false).prompts(false)
                        .logging().build())
                .tools(ToolRegistry.specifications(engine, settings))
                .resources(MigrationResources.history(engine), MigrationResources.currentSchema(engine))
                .resources(MigrationResources.files(engine))
                .resourceTemplates(MigrationResources.fileTemplate(engine))
                .prompts(SafeChangePrompt.specification())
                .build();
    }
}
