package dev.migratemcp.mcp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The tool calls in progress, so that {@code notifications/cancelled} (or the end of a stdio session) can stop them.
 * The transport registers a call when the request arrives and hands the tool a key in the request's {@code _meta};
 * the tool asks {@link #signal} for the flag the engine checks between statements and batches.
 */
final class RunningCalls {

    /** The {@code _meta} entry through which the transport tells the tool handler which call it runs. */
    static final String META_KEY = "dev.migratemcp/call";

    private final Map<String, AtomicBoolean> calls = new ConcurrentHashMap<>();
    /** Cancelled calls that have finished: their answer is about to be sent, and must not be. */
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    /** Told the session of every call that ends; its answer is sent just after, and needs the session still open. */
    private volatile Consumer<String> onFinish = session -> { };

    /** Tells {@code listener} the session of each call as it ends (one listener; a later one replaces it). */
    void onFinish(Consumer<String> listener) {
        this.onFinish = listener;
    }

    /** Registers a tool call; the key goes into the request's {@code _meta}. */
    String begin(String session, Object requestId) {
        String key = key(session, requestId);
        calls.put(key, new AtomicBoolean());
        return key;
    }

    /** Asks a running call to stop; a call that is not running (finished, or never existed) is ignored. */
    void cancel(String session, Object requestId) {
        AtomicBoolean flag = calls.get(key(session, requestId));
        if (flag != null) {
            flag.set(true);
        }
    }

    /** Asks every running call of a session to stop: the client has gone. */
    void cancelSession(String session) {
        String prefix = session + " ";
        calls.forEach((key, flag) -> {
            if (key.startsWith(prefix)) {
                flag.set(true);
            }
        });
    }

    /** Whether the call with this key has been cancelled; a call without a key never is. */
    BooleanSupplier signal(Object key) {
        AtomicBoolean flag = key == null ? null : calls.get(key.toString());
        return flag == null ? () -> false : flag::get;
    }

    void finish(Object key) {
        if (key != null) {
            synchronized (this) {
                AtomicBoolean cancelled = calls.remove(key.toString());
                if (cancelled != null && cancelled.get()) {
                    unanswered.add(key.toString());
                }
                notifyAll();
            }
            String text = key.toString();
            onFinish.accept(text.substring(0, text.indexOf(' ')));
        }
    }

    /**
     * Whether the answer to this request must be withheld: the call was cancelled, and the specification says the
     * receiver of a cancellation should not respond. True once per call (the answer is sent once).
     */
    boolean withholdAnswer(String session, Object requestId) {
        return requestId != null && unanswered.remove(key(session, requestId));
    }

    /** Whether a call of this session is running. */
    boolean running(String session) {
        String prefix = session + " ";
        return calls.keySet().stream().anyMatch(key -> key.startsWith(prefix));
    }

    /** Waits until no call runs any more, at most {@code timeoutMs}; true if none does. */
    synchronized boolean awaitIdle(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!calls.isEmpty()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private static String key(String session, Object requestId) {
        // ids 7 and "7" are different requests
        return session + " " + (requestId instanceof String ? "s:" : "n:") + requestId;
    }
}
