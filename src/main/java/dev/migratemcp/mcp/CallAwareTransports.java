package dev.migratemcp.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Stands between the SDK's server and a transport provider that makes one transport per session (stdio, SSE), for
 * two things the SDK does not do: it answers a request whose call was cancelled (the specification says the receiver
 * should not), so each session's transport is wrapped to withhold such an answer; and it gives no handle on the
 * sessions it makes, so each one is reported as it is made (SSE sessions are capped and expired from there).
 *
 * <p>It also makes a session's senders take turns. A tool's answer, its log notifications and the files watcher's
 * notices come from different threads, and the SDK's transports are not all made for that: its stdio one hands each
 * message to a sink that takes one sender at a time, where a second sender spins for at most 100 ms and then its
 * message is dropped ("Failed to enqueue message"), as a sender descheduled on a loaded machine can make happen.
 * (Over stdio our {@link DirectStdioTransports} now writes each message itself; the turns still order SSE's.)
 */
final class CallAwareTransports extends ForwardingTransports.Provider {

    private final RunningCalls calls;
    private final BiConsumer<McpServerSession, Transport> created;

    /** @param created told of every session the SDK makes, on the thread that made it */
    CallAwareTransports(McpServerTransportProvider delegate, RunningCalls calls,
                        BiConsumer<McpServerSession, Transport> created) {
        super(delegate);
        this.calls = calls;
        this.created = created;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        delegate.setSessionFactory(transport -> {
            Transport wrapped = new Transport(transport);
            McpServerSession session = factory.create(wrapped);
            created.accept(session, wrapped);
            return session;
        });
    }

    /**
     * One session's transport. Its key is the session's name in {@link RunningCalls} (the one {@link JsonRpcGate}
     * registers calls under), known once the transport has told the client (for SSE, in its endpoint event).
     */
    final class Transport extends ForwardingTransports.Transport {
        private final Object sending = new Object();
        private volatile String key;
        private volatile Consumer<Object> withheld = id -> { };

        Transport(McpServerTransport transport) {
            super(transport);
        }

        void bind(String sessionKey) {
            this.key = sessionKey;
        }

        /** Tells {@code listener} the id of each answer withheld: for the client, that request is done with. */
        void onWithheld(Consumer<Object> listener) {
            this.withheld = listener;
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            if (message instanceof McpSchema.JSONRPCResponse response && key != null
                    && calls.withholdAnswer(key, response.id())) {
                withheld.accept(response.id());
                return Mono.empty();
            }
            return Mono.defer(() -> {
                CompletableFuture<Void> sent;
                synchronized (sending) {
                    // subscribing hands the message to the transport's sink on this thread, one sender at a time
                    sent = transport.sendMessage(message).toFuture();
                }
                return Mono.fromFuture(sent);
            });
        }
    }
}
