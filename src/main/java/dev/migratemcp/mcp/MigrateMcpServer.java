package dev.migratemcp.mcp;

import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.migration.Version;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** The tools a server offers; the transport's {@link JsonRpcGate} is made from the same list. */
    static List<SyncToolSpecification> tools(MigrationEngine engine, ServeSettings settings, RunningCalls calls) {
        return ToolRegistry.specifications(engine, settings, calls);
    }

    /** The gate in front of a server offering {@code tools}: it knows which tool names exist and which are served. */
    static JsonRpcGate gate(List<SyncToolSpecification> tools, RunningCalls calls) {
        Set<String> offered = tools.stream().map(t -> t.tool().name()).collect(Collectors.toSet());
        Set<String> withheld = ToolRegistry.all().stream().map(t -> t.definition().name())
                .filter(name -> !offered.contains(name)).collect(Collectors.toSet());
        return new JsonRpcGate(offered, withheld, calls);
    }

    /** A server over a transport with one session per provider session: stdio and the legacy SSE transport. */
    static McpSyncServer sessions(McpServerTransportProvider transport, MigrationEngine engine,
                                  List<SyncToolSpecification> tools, Set<Version> fileVersions) {
        return configure(McpServer.sync(transport), engine, tools, fileVersions);
    }

    static McpSyncServer streamable(McpStreamableServerTransportProvider transport, MigrationEngine engine,
                                    List<SyncToolSpecification> tools, Set<Version> fileVersions) {
        return configure(McpServer.sync(transport), engine, tools, fileVersions);
    }

    /** What the server offers: tools, resources (whose list changes as files come and go), a prompt, logging. */
    static ServerCapabilities capabilities() {
        return ServerCapabilities.builder().tools(false).resources(false, true).prompts(false).logging().build();
    }

    /** @param fileVersions the migration files to list as resources (see {@link MigrationFilesWatcher}) */
    private static McpSyncServer configure(McpServer.SyncSpecification<?> spec, MigrationEngine engine,
                                           List<SyncToolSpecification> tools, Set<Version> fileVersions) {
        return spec.serverInfo(NAME, VERSION)
                .jsonMapper(ExactJson.SDK)
                .instructions(INSTRUCTIONS)
                .requestTimeout(REQUEST_TIMEOUT)
                // arguments are checked by the tools themselves, so that mistakes come back as structured errors
                .validateToolInputs(false)
                .jsonSchemaValidator(new DeferredSchemaValidator())
                .capabilities(capabilities())
                .tools(tools)
                .resources(MigrationResources.history(engine), MigrationResources.currentSchema(engine))
                .resources(fileVersions.stream()
                        .map(version -> MigrationResources.file(engine, version)).toList())
                .resourceTemplates(MigrationResources.fileTemplate(engine))
                .prompts(SafeChangePrompt.specification())
                .build();
    }
}
