package dev.migratemcp.cli;

import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.mcp.HttpServer;
import dev.migratemcp.mcp.ServeSettings;
import dev.migratemcp.mcp.StdioServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs the MCP server. Over stdio (the default) stdout carries the protocol only; everything for people goes to
 * stderr. Over HTTP it binds to loopback unless told otherwise, and then only with a token.
 */
@Command(name = "serve", description = "Serve the migration tools over MCP (stdio by default, or --http).")
final class ServeCommand implements Callable<Integer> {

    static final String ENV_TOKEN = "MIGRATE_MCP_TOKEN";

    @ParentCommand
    MigrateCommand root;

    @Option(names = "--http", description = "Serve Streamable HTTP at /mcp and SSE at /sse instead of stdio.")
    boolean http;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind with --http (default 127.0.0.1).")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "Port with --http (default 3000; 0 picks a free one).")
    int port = 3000;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token HTTP clients must send (or MIGRATE_MCP_TOKEN). Required off loopback.")
    String token;

    @Option(names = "--read-only", description = "Serve only the tools that change nothing.")
    boolean readOnly;

    @Option(names = "--elicitation", paramLabel = "MODE",
            description = "auto (ask the human to approve rollbacks when the client can) or never. Default auto.")
    ServeSettings.Elicitation elicitation = ServeSettings.Elicitation.AUTO;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
            description = "A browser origin allowed besides loopback ones (repeatable).")
    List<String> allowedOrigins = List.of();

    @Option(names = "--allowed-host", paramLabel = "HOST",
            description = "A host name the Host header may carry besides loopback ones (repeatable).")
    List<String> allowedHosts = List.of();

    @Option(names = "--session-idle", paramLabel = "SECONDS",
            description = "With --http: close a session unused for this long (to twice as long). Default 900.")
    long sessionIdleSeconds = HttpServer.SessionLimits.DEFAULT.idle().toSeconds();

    @Option(names = "--max-sessions", paramLabel = "N",
            description = "With --http: at most this many open sessions, Streamable HTTP and SSE together. "
                    + "Default 100.")
    int maxSessions = HttpServer.SessionLimits.DEFAULT.maxSessions();

    @Override
    public Integer call() throws Exception {
        if (sessionIdleSeconds < 1 || maxSessions < 1) {
            System.err.println("error: --session-idle and --max-sessions must be at least 1");
            return MigrateCommand.EXIT_USAGE;
        }
        String effectiveToken = token != null ? token : System.getenv(ENV_TOKEN);
        if (effectiveToken != null && effectiveToken.isBlank()) {
            effectiveToken = null;
        }
        if (http && !HttpServer.LOOPBACK_NAMES.contains(host) && effectiveToken == null) {
            System.err.println("error: refusing to serve on " + host + " without a token: anyone who can reach it "
                    + "could change the database. Pass --token (or set " + ENV_TOKEN + "), or bind to 127.0.0.1.");
            return MigrateCommand.EXIT_USAGE;
        }
        MigrationEngine engine;
        try {
            engine = new MigrationEngine(root.config(System.getenv()), readOnly);
        } catch (IllegalArgumentException e) {
            System.err.println("error [invalid_config]: " + e.getMessage());
            return MigrateCommand.EXIT_USAGE;
        }
        ServeSettings settings = new ServeSettings(readOnly, elicitation);
        try (engine) {
            if (!http) {
                // stdout is the protocol's alone from here: anything else printed goes to stderr
                PrintStream protocol = System.out;
                System.setOut(System.err);
                StdioServer.run(engine, settings, protocol);
                return MigrateCommand.EXIT_OK;
            }
            try (HttpServer server = HttpServer.start(engine, settings, host, port, effectiveToken,
                    new LinkedHashSet<>(allowedHosts), new LinkedHashSet<>(allowedOrigins),
                    new HttpServer.SessionLimits(Duration.ofSeconds(sessionIdleSeconds), maxSessions))) {
                String shown = host.contains(":") ? "[" + host + "]" : host;
                System.err.println("migrate-mcp serving MCP on http://" + shown + ":" + server.port() + "/mcp"
                        + " (SSE: /sse)" + (effectiveToken == null ? "" : ", bearer token required")
                        + (readOnly ? ", read-only" : ""));
                server.join();
            }
        }
        return MigrateCommand.EXIT_OK;
    }
}
