package dev.migratemcp.mcp;

import dev.migratemcp.json.Json;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code migrate-mcp serve} from the built jar, spoken to in raw JSON-RPC lines. Every stdout line must be a JSON-RPC
 * message; waits are bounded, so a server that stops answering fails the test instead of hanging it.
 */
final class RawStdioSession implements AutoCloseable {

    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    private static final long WAIT_MS = 60_000;

    private final Process process;
    private final OutputStream in;
    private final List<JsonNode> received = new ArrayList<>();
    private final List<String> notJson = new ArrayList<>();
    private final Thread reader;

    private RawStdioSession(Process process) {
        this.process = process;
        this.in = process.getOutputStream();
        reader = new Thread(this::read, "raw-stdio-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the server with these arguments before {@code serve} (and {@code serveArgs} after it). */
    static RawStdioSession start(List<String> globalArgs, String... serveArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.java(), "-jar", ServerProcess.jar()));
        command.addAll(globalArgs);
        command.add("serve");
        command.addAll(List.of(serveArgs));
        return new RawStdioSession(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** Initialises the session and waits for the answer. */
    RawStdioSession initialized() throws Exception {
        send(INITIALIZE);
        assertEquals("migrate-mcp", response("init").path("result").path("serverInfo").path("name").asString());
        send(INITIALIZED);
        return this;
    }

    void send(String line) throws IOException {
        sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) throws IOException {
        in.write(bytes);
        in.flush();
    }

    /** The response to the request with this id (a String or a number). */
    JsonNode response(Object id) throws InterruptedException {
        return await(m -> m.has("id") && !m.has("method") && m.get("id").asString().equals(String.valueOf(id)),
                "the response to request " + id);
    }

    /** The first message not yet taken that matches; it is taken. */
    JsonNode await(Predicate<JsonNode> matching, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        synchronized (received) {
            while (true) {
                for (JsonNode m : received) {
                    if (matching.test(m)) {
                        received.remove(m);
                        return m;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || !process.isAlive() && received.stream().noneMatch(matching)) {
                    fail("no " + what + " within " + WAIT_MS + " ms; received " + received);
                }
                received.wait(Math.min(left, 200));
            }
        }
    }

    /** Whether a message not yet taken matches (nothing is taken). */
    boolean received(Predicate<JsonNode> matching) {
        synchronized (received) {
            return received.stream().anyMatch(matching);
        }
    }

    /** Error responses with id null not yet taken, taken now. */
    List<JsonNode> takeErrorsWithoutId() {
        synchronized (received) {
            List<JsonNode> errors = received.stream().filter(m -> m.has("id") && m.get("id").isNull()
                    && m.has("error")).toList();
            received.removeAll(errors);
            return errors;
        }
    }

    /**
     * Closes stdin and says whether the process ended within the time; when it did, everything it wrote has been
     * read.
     */
    boolean closeAndAwaitExit(long seconds) throws Exception {
        in.close();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            return false;
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return true;
    }

    /** The exit code of a process that has ended. */
    int exitCode() {
        return process.exitValue();
    }

    List<String> linesThatWereNotJson() {
        synchronized (received) {
            return List.copyOf(notJson);
        }
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (received) {
                    try {
                        JsonNode message = Json.mapper().readTree(line);
                        if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asString())) {
                            notJson.add(line);
                        } else {
                            received.add(message);
                        }
                    } catch (RuntimeException e) {
                        notJson.add(line);
                    }
                    received.notifyAll();
                }
            }
        } catch (IOException ended) {
            // the process ended
        } finally {
            synchronized (received) {
                received.notifyAll();
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            in.close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
