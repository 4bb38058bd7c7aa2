package dev.migratemcp.mcp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Streamable HTTP sessions this server holds, counted so that their number stays under a cap. The SDK evicts a
 * session idle through a whole sweep period (so after one to two periods); this count forgets a session after two
 * periods without a request, so it never counts fewer sessions than the SDK holds (except ones kept alive only by
 * an open GET stream, which their connection bounds).
 */
final class HttpSessions {

    private final long forgetAfterNanos;
    private final int max;
    private final Map<String, Known> sessions = new ConcurrentHashMap<>();

    private static final class Known {
        final JsonRpcGate.Session gate;
        volatile long lastSeen = System.nanoTime();

        Known(String id) {
            this.gate = new JsonRpcGate.Session(id, true);
        }
    }

    /** @param sweepPeriod how often the SDK evicts idle sessions */
    HttpSessions(Duration sweepPeriod, int max) {
        this.forgetAfterNanos = sweepPeriod.multipliedBy(2).toNanos();
        this.max = max;
    }

    int max() {
        return max;
    }

    /** The gate state of a session this server holds, marked as just used; null when unknown or expired. */
    JsonRpcGate.Session touch(String id) {
        Known known = sessions.get(id);
        if (known == null || expired(known)) {
            return null;
        }
        known.lastSeen = System.nanoTime();
        return known.gate;
    }

    /** How many sessions are held, expired ones forgotten first. */
    int count() {
        sessions.values().removeIf(this::expired);
        return sessions.size();
    }

    void add(String id) {
        sessions.put(id, new Known(id));
    }

    void remove(String id) {
        sessions.remove(id);
    }

    private boolean expired(Known known) {
        return System.nanoTime() - known.lastSeen > forgetAfterNanos;
    }
}
