package dev.migratemcp.mcp;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The requests of a stdio session still without an answer on the wire, both ways: the client's, passed on to the SDK,
 * and the server's own (elicitation) that wait for the client. The end of stdin is held back from the SDK until the
 * client's are all answered, because the SDK writes nothing more once it has read that end.
 */
final class UnansweredRequests {

    private final Set<String> fromClient = new HashSet<>();
    private final Set<String> fromServer = new HashSet<>();
    private long lastChange = System.nanoTime();

    /** A request of the client's has been passed on to the SDK. */
    synchronized void received(Object id) {
        changed(fromClient.add(key(id)));
    }

    /** The answer to a client's request has been written, or withheld as a cancelled call's is. */
    synchronized void answered(Object id) {
        changed(fromClient.remove(key(id)));
    }

    /** The server has written a request of its own to the client. */
    synchronized void asked(Object id) {
        changed(fromServer.add(key(id)));
    }

    /** The client's answer to a request of the server's has been passed on to the SDK. */
    synchronized void replied(Object id) {
        changed(fromServer.remove(key(id)));
    }

    /**
     * Waits until every request of the client's is answered. It stops waiting sooner when what is left waits on the
     * client, who has gone (a call asking for approval), or when nothing has moved for {@code graceMs} while no tool
     * call runs (a request the SDK never answers). True if all were answered.
     */
    synchronized boolean awaitAnswered(BooleanSupplier callsRunning, long graceMs) throws InterruptedException {
        long grace = TimeUnit.MILLISECONDS.toNanos(graceMs);
        while (!fromClient.isEmpty() && fromServer.isEmpty()) {
            if (!callsRunning.getAsBoolean() && System.nanoTime() - lastChange > grace) {
                break;
            }
            wait(200);
        }
        return fromClient.isEmpty();
    }

    private void changed(boolean changed) {
        if (changed) {
            lastChange = System.nanoTime();
            notifyAll();
        }
    }

    private static String key(Object id) {
        // ids 7 and "7" are different requests; 7 read as an Integer or a Long is the same one
        return (id instanceof String ? "s:" : "n:") + id;
    }
}
