package dev.migratemcp.mcp;

import io.modelcontextprotocol.spec.McpServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sessions of the legacy SSE transport, which the SDK keeps for as long as their event stream is open, however
 * long the client stays silent. Here they are counted (under the same cap as Streamable HTTP sessions) and closed
 * when idle: a session with no message posted through a whole period, and no tool call running, is closed at the
 * next sweep (so after one to two periods), its event stream ended. A call's end counts as use: its answer goes out
 * on the event stream just after, and a session silent through a long call must not be closed in that gap.
 *
 * <p>The SDK makes a session inside its handling of {@code GET /sse}, on the request's thread, and names it only in
 * the endpoint event it writes; {@link CallAwareTransports} reports the session to {@link #made} on that thread, and
 * the filter, having read the name, calls {@link #opened}.
 */
final class SseSessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SseSessions.class);

    private final long idleNanos;
    private final RunningCalls calls;
    private final Map<String, Known> sessions = new ConcurrentHashMap<>();
    private final ThreadLocal<Made> making = new ThreadLocal<>();
    private final ScheduledExecutorService sweeper;

    private record Made(McpServerSession session, CallAwareTransports.Transport transport) {
    }

    private static final class Known {
        final McpServerSession session;
        final JsonRpcGate.Session gate;
        volatile long lastSeen = System.nanoTime();

        Known(String id, McpServerSession session) {
            this.session = session;
            this.gate = new JsonRpcGate.Session(id, false);
        }
    }

    SseSessions(Duration idle, RunningCalls calls) {
        this.idleNanos = idle.toNanos();
        this.calls = calls;
        calls.onFinish(this::touch);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "migrate-mcp-sse-sweeper");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, idle.toMillis());
        sweeper.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** The SDK has made a session on this thread (inside GET /sse). */
    void made(McpServerSession session, CallAwareTransports.Transport transport) {
        making.set(new Made(session, transport));
    }

    /**
     * The session made on this thread is named {@code id} (null when none was made, or its name was not seen: then
     * it is closed, as one this server could not count).
     *
     * @return whether a session was opened
     */
    boolean opened(String id) {
        Made made = making.get();
        making.remove();
        if (made == null) {
            return false;
        }
        if (id == null) {
            LOG.warn("an SSE session was made without a name this server could read; closing it");
            made.session().closeGracefully().subscribe();
            return false;
        }
        made.transport().bind(id);
        sessions.put(id, new Known(id, made.session()));
        return true;
    }

    /** The gate state of a session this server holds, marked as just used; null when unknown or closed. */
    JsonRpcGate.Session touch(String id) {
        Known known = sessions.get(id);
        if (known == null) {
            return null;
        }
        known.lastSeen = System.nanoTime();
        return known.gate;
    }

    /** The event stream of a session ended (the client left, or the session was closed). */
    void ended(String id) {
        if (sessions.remove(id) != null) {
            calls.cancelSession(id);
        }
    }

    int count() {
        return sessions.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        sessions.forEach((id, known) -> {
            if (now - known.lastSeen > idleNanos && !calls.running(id)) {
                LOG.info("closing SSE session {}: idle", id);
                sessions.remove(id);
                calls.cancelSession(id);
                known.session.closeGracefully().subscribe(null,
                        e -> LOG.debug("closing SSE session {} failed: {}", id, e.getMessage()));
            }
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
