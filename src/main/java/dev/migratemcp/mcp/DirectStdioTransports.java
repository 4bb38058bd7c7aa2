package dev.migratemcp.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes each outgoing message on the protocol stream itself, when the SDK sends it, instead of through the SDK's stdio
 * outbound queue: that queue drops every message once stdin has ended, so answers to requests sent just before the end
 * were lost. Writing here also tells {@link UnansweredRequests} which answers are out. Reading, and closing, stay the
 * SDK's.
 */
final class DirectStdioTransports implements McpServerTransportProvider {

    private final McpServerTransportProvider delegate;
    private final McpJsonMapper mapper;
    private final OutputStream protocol;
    private final UnansweredRequests unanswered;

    /** @param protocol the stream the SDK's transport was given; its lock keeps lines whole, as the SDK's does */
    DirectStdioTransports(McpServerTransportProvider delegate, McpJsonMapper mapper, OutputStream protocol,
                          UnansweredRequests unanswered) {
        this.delegate = delegate;
        this.mapper = mapper;
        this.protocol = protocol;
        this.unanswered = unanswered;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        delegate.setSessionFactory(transport -> factory.create(new Transport(transport)));
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return delegate.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return delegate.notifyClient(sessionId, method, params);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }

    private void write(McpSchema.JSONRPCMessage message) {
        try {
            byte[] line = (mapper.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (protocol) {
                protocol.write(line);
                protocol.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (message instanceof McpSchema.JSONRPCResponse response) {
            unanswered.answered(response.id());
        } else if (message instanceof McpSchema.JSONRPCRequest request) {
            unanswered.asked(request.id());
        }
    }

    /** The SDK's session transport with its sending replaced. */
    private final class Transport implements McpServerTransport {
        private final McpServerTransport transport;

        private Transport(McpServerTransport transport) {
            this.transport = transport;
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> write(message));
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return transport.unmarshalFrom(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return transport.closeGracefully();
        }

        @Override
        public void close() {
            transport.close();
        }

        @Override
        public List<String> protocolVersions() {
            return transport.protocolVersions();
        }
    }
}
