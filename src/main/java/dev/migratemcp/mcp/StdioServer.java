package dev.migratemcp.mcp;

import dev.migratemcp.engine.MigrationEngine;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Serves MCP over stdin and a protocol stream, the process's real stdout, which carries the protocol and nothing
 * else: the caller hands it over and points the JVM's standard output at stderr, so a stray print anywhere cannot
 * corrupt the channel.
 */
public final class StdioServer {

    private static final Logger LOG = LoggerFactory.getLogger(StdioServer.class);
    /** How long a call still running at the end (one waiting on the client's approval) may take to stop. */
    private static final long STOP_GRACE_MS = 10_000;

    private StdioServer() {
    }

    /**
     * Serves until the client closes stdin and every request it sent has been answered (a running apply finishes).
     * A call still running then can only be one waiting on the client; it is cancelled and given a moment to stop, so
     * that the caller can close the engine (connections, locks) and the process can exit.
     */
    public static void run(MigrationEngine engine, ServeSettings settings, PrintStream protocol)
            throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        MigrationFilesWatcher watcher = MigrationFilesWatcher.watch(engine);
        RunningCalls calls = new RunningCalls();
        List<SyncToolSpecification> tools = MigrateMcpServer.tools(engine, settings, calls);
        JsonRpcGate gate = MigrateMcpServer.gate(tools, calls);
        UnansweredRequests unanswered = new UnansweredRequests();
        InputStream in = new EndAwareInputStream(new JsonRpcLineFilter(System.in, protocol, gate, unanswered), closed);
        DirectStdioTransports transport = new DirectStdioTransports(
                new StdioServerTransportProvider(ExactJson.SDK, in, protocol), ExactJson.SDK, protocol, unanswered);
        McpSyncServer server = MigrateMcpServer.sessions(new CallAwareTransports(transport, calls,
                (session, sessionTransport) -> {
                    sessionTransport.bind(JsonRpcLineFilter.SESSION);
                    sessionTransport.onWithheld(unanswered::answered);
                }), engine, tools, watcher.firstListing());
        try (watcher) {
            watcher.keepInStep(List.of(server));
            closed.await();
        }
        calls.cancelSession(JsonRpcLineFilter.SESSION);
        if (!calls.awaitIdle(STOP_GRACE_MS)) {
            LOG.warn("a tool call did not stop within {} ms of the client leaving; exiting anyway", STOP_GRACE_MS);
        }
        server.close();
    }

    /** Tells when the client has closed its end, which is how a stdio session ends. */
    private static final class EndAwareInputStream extends FilterInputStream {
        private final CountDownLatch closed;

        EndAwareInputStream(InputStream in, CountDownLatch closed) {
            super(in);
            this.closed = closed;
        }

        @Override
        public int read() throws IOException {
            return seen(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return seen(super.read(b, off, len));
            } catch (IOException e) {
                closed.countDown();
                throw e;
            }
        }

        private int seen(int n) {
            if (n < 0) {
                closed.countDown();
            }
            return n;
        }
    }
}
