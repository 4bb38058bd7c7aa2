package dev.migratemcp.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CallAwareTransportsTest {

    /**
     * The SDK's stdio sink drops a message whose sender waits more than 100 ms for another sender; here a session's
     * senders take turns, so the transport never sees two at once however long one of them takes.
     */
    @Test
    void aSessionsSendersTakeTurns() throws Exception {
        SlowTransport slow = new SlowTransport();
        CallAwareTransports.Transport transport = new CallAwareTransports(new NoProvider(), new RunningCalls(),
                (session, t) -> { }).new Transport(slow);
        int senders = 6;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                int id = i;
                sent.add(pool.submit(() -> {
                    start.await();
                    transport.sendMessage(new McpSchema.JSONRPCNotification("2.0", "notifications/message",
                            id)).block();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(senders, slow.messages.get());
        assertEquals(1, slow.mostAtOnce.get(), "senders overlapped in the transport");
    }

    /** A transport that takes its time over each message and counts how many senders are in it at once. */
    private static final class SlowTransport implements McpServerTransport {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger messages = new AtomicInteger();

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromRunnable(() -> {
                int now = inside.incrementAndGet();
                mostAtOnce.accumulateAndGet(now, Math::max);
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inside.decrementAndGet();
                messages.incrementAndGet();
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }

    private static final class NoProvider implements McpServerTransportProvider {
        @Override
        public void setSessionFactory(McpServerSession.Factory factory) {
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
