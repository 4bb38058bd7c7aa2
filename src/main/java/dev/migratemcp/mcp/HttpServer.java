package dev.migratemcp.mcp;

import dev.migratemcp.engine.MigrationEngine;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.util.EnumSet;
import java.util.LinkedHashSet;
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
    private final int port;

    private HttpServer(Server jetty, McpSyncServer streamableServer, McpSyncServer sseServer, int port) {
        this.jetty = jetty;
        this.streamableServer = streamableServer;
        this.sseServer = sseServer;
        this.port = port;
    }

    /**
     * Starts serving. {@code port} 0 picks a free port ({@link #port()} says which).
     *
     * @param extraHosts   more host names the Host header may carry (e.g. a machine name behind a proxy)
     * @param extraOrigins more browser origins allowed besides loopback ones
     */
    public static HttpServer start(MigrationEngine engine, ServeSettings settings, String host, int port, String token,
                                   Set<String> extraHosts, Set<String> extraOrigins) throws Exception {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        var streamable = HttpServletStreamableServerTransportProvider.builder().jsonMapper(mapper)
                .mcpEndpoint("/mcp").build();
        var sse = HttpServletSseServerTransportProvider.builder().jsonMapper(mapper).sseEndpoint("/sse")
                .messageEndpoint("/message").build();

        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder streamableHolder = new ServletHolder("streamable", streamable);
        streamableHolder.setAsyncSupported(true);
        context.addServlet(streamableHolder, "/mcp");
        ServletHolder sseHolder = new ServletHolder("sse", sse);
        sseHolder.setAsyncSupported(true);
        context.addServlet(sseHolder, "/sse");
        context.addServlet(sseHolder, "/message");
        FilterHolder guard = new FilterHolder(new HttpGuard(hosts(host, extraHosts), new OriginPolicy(extraOrigins), token));
        guard.setAsyncSupported(true);
        context.addFilter(guard, "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);

        McpSyncServer streamableServer = MigrateMcpServer.streamable(streamable, engine, settings);
        McpSyncServer sseServer = MigrateMcpServer.stdio(sse, engine, settings);
        jetty.start();
        return new HttpServer(jetty, streamableServer, sseServer, connector.getLocalPort());
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
        streamableServer.closeGracefully();
        sseServer.closeGracefully();
        jetty.stop();
    }
}
