package dev.migratemcp.mcp;

import dev.migratemcp.json.Json;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * An HTTP response read as a server-sent event stream while it is open: the JSON of every {@code data:} line is
 * collected as it comes, and the end of the stream is seen. Waits are bounded.
 */
final class EventStreamReader implements AutoCloseable {

    private final HttpResponse<Stream<String>> response;
    private final List<String> data = new ArrayList<>();
    private boolean ended;

    private EventStreamReader(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends the request and returns once the headers are in (the body is read as it comes). */
    static EventStreamReader open(HttpClient http, HttpRequest request) throws Exception {
        return new EventStreamReader(http.send(request, HttpResponse.BodyHandlers.ofLines()));
    }

    int status() {
        return response.statusCode();
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    private void read() {
        try (Stream<String> lines = response.body()) {
            lines.forEach(line -> {
                if (line.startsWith("data:")) {
                    synchronized (data) {
                        data.add(line.substring(5).strip());
                        data.notifyAll();
                    }
                }
            });
        } catch (RuntimeException closed) {
            // the connection went
        } finally {
            synchronized (data) {
                ended = true;
                data.notifyAll();
            }
        }
    }

    /** The first data value that matches, waiting for it up to {@code seconds}. */
    String await(Predicate<String> matching, String what, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (data) {
            while (true) {
                for (String d : data) {
                    if (matching.test(d)) {
                        return d;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || ended) {
                    fail("no " + what + (ended ? " before the stream ended" : " within " + seconds + " s")
                            + "; received " + data);
                }
                data.wait(Math.min(left, 200));
            }
        }
    }

    /** Whether the stream ended within {@code seconds}. */
    boolean awaitEnd(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (data) {
            while (!ended) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                data.wait(left);
            }
            return true;
        }
    }

    /** Every data value parsed as JSON (those that are not JSON, such as SSE's endpoint, left out). */
    List<JsonNode> messages() {
        synchronized (data) {
            List<JsonNode> messages = new ArrayList<>();
            for (String d : data) {
                try {
                    messages.add(Json.mapper().readTree(d));
                } catch (RuntimeException notJson) {
                    // an endpoint event's path
                }
            }
            return messages;
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (RuntimeException ignored) {
            // already closed
        }
    }
}
