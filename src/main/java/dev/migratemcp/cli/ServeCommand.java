package dev.migratemcp.cli;

import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.mcp.HttpServer;
import dev.migratemcp.mcp.ServeSettings;
import dev.migratemcp.mcp.StdioServer;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

import static dev.migratemcp.cli.Specs.flag;
import static dev.migratemcp.cli.Specs.list;
import static dev.migratemcp.cli.Specs.value;

/**
 * Runs the MCP server. Over stdio (the default) stdout carries the protocol only; everything for people goes to
 * stderr. Over HTTP it binds to loopback unless told otherwise, and then only with a token.
 */
final class ServeCommand implements Callable<Integer> {

    static final String ENV_TOKEN = "MIGRATE_MCP_TOKEN";

    private final GlobalOptions globals;
    boolean http;
    String host = "127.0.0.1";
    int port = 3000;
    String token;
    boolean readOnly;
    ServeSettings.Elicitation elicitation = ServeSettings.Elicitation.AUTO;
    List<String> allowedOrigins = List.of();
    List<String> allowedHosts = List.of();
    long sessionIdleSeconds = HttpServer.SessionLimits.DEFAULT.idle().toSeconds();
    int maxSessions = HttpServer.SessionLimits.DEFAULT.maxSessions();

    private ServeCommand(GlobalOptions globals) {
        this.globals = globals;
    }

    static CommandSpec command(GlobalOptions globals) {
        ServeCommand serve = new ServeCommand(globals);
        return Specs.command(serve, "Serve the migration tools over MCP (stdio by default, or --http).")
                .addOption(flag(v -> serve.http = v, "--http")
                        .description("Serve Streamable HTTP at /mcp and SSE at /sse instead of stdio.").build())
                .addOption(value(String.class, serve.host, "HOST", v -> serve.host = v, "--host")
                        .description("Address to bind with --http (default 127.0.0.1).").build())
                .addOption(value(int.class, serve.port, "PORT", v -> serve.port = v, "--port")
                        .description("Port with --http (default 3000; 0 picks a free one).").build())
                .addOption(value(String.class, "TOKEN", v -> serve.token = v, "--token")
                        .description("Bearer token HTTP clients must send (or MIGRATE_MCP_TOKEN). Required off "
                                + "loopback.").build())
                .addOption(flag(v -> serve.readOnly = v, "--read-only")
                        .description("Serve only the tools that change nothing.").build())
                .addOption(value(ServeSettings.Elicitation.class, serve.elicitation, "MODE",
                        v -> serve.elicitation = v, "--elicitation")
                        .description("auto (ask the human to approve rollbacks when the client can) or never. "
                                + "Default auto.").build())
                .addOption(list(String.class, "ORIGIN", v -> serve.allowedOrigins = v, "--allowed-origin")
                        .description("A browser origin allowed besides loopback ones (repeatable).").build())
                .addOption(list(String.class, "HOST", v -> serve.allowedHosts = v, "--allowed-host")
                        .description("A host name the Host header may carry besides loopback ones (repeatable).")
                        .build())
                .addOption(value(long.class, serve.sessionIdleSeconds, "SECONDS", v -> serve.sessionIdleSeconds = v,
                        "--session-idle")
                        .description("With --http: close a session unused for this long (to twice as long). "
                                + "Default 900.").build())
                .addOption(value(int.class, serve.maxSessions, "N", v -> serve.maxSessions = v, "--max-sessions")
                        .description("With --http: at most this many open sessions, Streamable HTTP and SSE "
                                + "together. Default 100.").build());
    }

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
            engine = new MigrationEngine(globals.config(System.getenv()), readOnly);
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
