package dev.migratemcp.mcp;

import dev.migratemcp.engine.MigrationEngine;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Serves MCP over stdin and stdout. stdout carries the protocol and nothing else: the real stream is handed to the
 * transport and {@code System.out} is pointed at stderr, so a stray print anywhere cannot corrupt the channel.
 */
public final class StdioServer {

    private StdioServer() {
    }

    /** Serves until the client closes stdin. */
    public static void run(MigrationEngine engine, ServeSettings settings) throws InterruptedException {
        PrintStream protocol = System.out;
        System.setOut(System.err);
        CountDownLatch closed = new CountDownLatch(1);
        InputStream in = new EndAwareInputStream(new JsonRpcLineFilter(System.in, protocol), closed);
        StdioServerTransportProvider transport =
                new StdioServerTransportProvider(McpJsonDefaults.getMapper(), in, protocol);
        McpSyncServer server = MigrateMcpServer.stdio(transport, engine, settings);
        closed.await();
        server.closeGracefully();
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
            return seen(super.read(b, off, len));
        }

        private int seen(int n) {
            if (n < 0) {
                closed.countDown();
            }
            return n;
        }
    }
}
