package dev.migratemcp.mcp;

import dev.migratemcp.engine.MigrationEngine;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Serves MCP over HTTP on embedded Jetty: Streamable HTTP at {@code /mcp}, and the older SSE transport at
 * {@code /sse} with messages posted to {@code /message}, both behind {@link HttpGuard}.
 */
public final class HttpServer implements AutoCloseable {

    public static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "::1");

    private final Server jetty;
    private final McpSyncServer streamableServer;
    private final McpSyncServer sseServer;
    private final SseSessions sseSessions;
    private final MigrationFilesWatcher watcher;
    private final int port;

    private HttpServer(Server jetty, McpSyncServer streamableServer, McpSyncServer sseServer,
                       SseSessions sseSessions, MigrationFilesWatcher watcher, int port) {
        this.sseSessions = sseSessions;
        this.jetty = jetty;
        this.streamableServer = streamableServer;
        this.sseServer = sseServer;
        this.watcher = watcher;
        this.port = port;
    }

    /**
     * Starts serving. {@code port} 0 picks a free port ({@link #port()} says which).
     *
     * @param extraHosts   more host names the Host header may carry (e.g. a machine name behind a proxy)
     * @param extraOrigins more browser origins allowed besides loopback ones
     */
    public static HttpServer start(MigrationEngine engine, ServeSettings settings, String host, int port, String token,
                                   Set<String> extraHosts, Set<String> extraOrigins, SessionLimits limits)
            throws Exception {
        MigrationFilesWatcher watcher = MigrationFilesWatcher.watch(engine);
        McpJsonMapper mapper = ExactJson.SDK;
        var streamable = HttpServletStreamableServerTransportProvider.builder().jsonMapper(mapper)
                .mcpEndpoint(JsonRpcHttpFilter.STREAMABLE).sessionSweepInterval(limits.idle()).build();
        var sse = HttpServletSseServerTransportProvider.builder().jsonMapper(mapper)
                .sseEndpoint(JsonRpcHttpFilter.SSE_STREAM)
                .messageEndpoint(JsonRpcHttpFilter.SSE_MESSAGES).build();

        RunningCalls calls = new RunningCalls();
        List<SyncToolSpecification> tools = MigrateMcpServer.tools(engine, settings, calls);
        JsonRpcGate gate = MigrateMcpServer.gate(tools, calls);
        SseSessions sseSessions = new SseSessions(limits.idle(), calls);

        Server jetty = new Server();
        jetty.setErrorHandler(new JsonErrorHandler());
        HttpConfiguration http = new HttpConfiguration();
        // Jetty's per-connection header cache matches values case-insensitively by default: after one good request,
        // "Bearer TOKEN" would be taken for "Bearer token". Tokens are case-sensitive.
        http.setHeaderCacheCaseSensitive(true);
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder streamableHolder = new ServletHolder("streamable", streamable);
        streamableHolder.setAsyncSupported(true);
        context.addServlet(streamableHolder, JsonRpcHttpFilter.STREAMABLE);
        ServletHolder sseHolder = new ServletHolder("sse", sse);
        sseHolder.setAsyncSupported(true);
        context.addServlet(sseHolder, JsonRpcHttpFilter.SSE_STREAM);
        context.addServlet(sseHolder, JsonRpcHttpFilter.SSE_MESSAGES);
        FilterHolder guard = new FilterHolder(new HttpGuard(hosts(host, extraHosts), new OriginPolicy(extraOrigins), token));
        guard.setAsyncSupported(true);
        context.addFilter(guard, "/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder screen = new FilterHolder(new JsonRpcHttpFilter(gate,
                new HttpSessions(limits.idle(), limits.maxSessions()), sseSessions));
        screen.setAsyncSupported(true);
        context.addFilter(screen, "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);

        McpSyncServer streamableServer = MigrateMcpServer.streamable(streamable, engine, tools,
                watcher.firstListing());
        McpSyncServer sseServer = MigrateMcpServer.sessions(new CallAwareTransports(sse, calls, sseSessions::made),
                engine, tools, watcher.firstListing());
        try {
            jetty.start();
        } catch (Exception e) {
            watcher.close(); // the port is taken, say: nothing is left watching for a server that never ran
            throw e;
        }
        watcher.keepInStep(List.of(streamableServer, sseServer));
        return new HttpServer(jetty, streamableServer, sseServer, sseSessions, watcher, connector.getLocalPort());
    }

    /**
     * How long a session (of either transport) may sit unused and how many there may be, both transports together.
     *
     * @param idle a session unused through a whole period of this length is closed (so after one to two periods)
     */
    public record SessionLimits(Duration idle, int maxSessions) {
        public static final SessionLimits DEFAULT = new SessionLimits(Duration.ofMinutes(15), 100);
    }

    private static Set<String> hosts(String bound, Set<String> extra) {
        Set<String> hosts = new LinkedHashSet<>(LOOPBACK_NAMES);
        if (!bound.equals("0.0.0.0") && !bound.equals("::")) {
            hosts.add(HttpGuard.hostName(bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound));
        }
        extra.forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
        return hosts;
    }

    public int port() {
        return port;
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() throws Exception {
        watcher.close();
        sseSessions.close();
        streamableServer.closeGracefully();
        sseServer.closeGracefully();
        jetty.stop();
    }
}
