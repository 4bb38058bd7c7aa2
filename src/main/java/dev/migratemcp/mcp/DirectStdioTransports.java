package dev.migratemcp.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes each outgoing message on the protocol stream itself, when the SDK sends it, instead of through the SDK's stdio
 * outbound queue: that queue drops every message once stdin has ended, so answers to requests sent just before the end
 * were lost. Writing here also tells {@link UnansweredRequests} which answers are out. Reading, and closing, stay the
 * SDK's.
 */
final class DirectStdioTransports extends ForwardingTransports.Provider {

    private final McpJsonMapper mapper;
    private final OutputStream protocol;
    private final UnansweredRequests unanswered;

    /** @param protocol the stream the SDK's transport was given; its lock keeps lines whole, as the SDK's does */
    DirectStdioTransports(McpServerTransportProvider delegate, McpJsonMapper mapper, OutputStream protocol,
                          UnansweredRequests unanswered) {
        super(delegate);
        this.mapper = mapper;
        this.protocol = protocol;
        this.unanswered = unanswered;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        delegate.setSessionFactory(transport -> factory.create(new Transport(transport)));
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
    private final class Transport extends ForwardingTransports.Transport {

        private Transport(McpServerTransport transport) {
            super(transport);
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> write(message));
        }
    }
}
