package dev.migratemcp.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Pass-through bases for our wrappers around the SDK's transports ({@link CallAwareTransports},
 * {@link DirectStdioTransports}), each of which changes how sessions are made or messages sent and hands the rest on.
 */
final class ForwardingTransports {

    private ForwardingTransports() {
    }

    /** A transport provider that hands everything but the making of sessions to the one it wraps. */
    abstract static class Provider implements McpServerTransportProvider {
        protected final McpServerTransportProvider delegate;

        Provider(McpServerTransportProvider delegate) {
            this.delegate = delegate;
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
    }

    /** A session's transport that hands everything but sending to the one it wraps. */
    abstract static class Transport implements McpServerTransport {
        protected final McpServerTransport transport;

        Transport(McpServerTransport transport) {
            this.transport = transport;
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
