package dev.migratemcp.mcp;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.json.Json;
import dev.migratemcp.testing.MigrationFiles;
import dev.migratemcp.testing.TestDatabase;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSON-RPC over both HTTP transports, as careless or hostile clients send it: every malformed request gets a JSON-RPC
 * error without a stack trace, every request an answer; sessions are capped and expire; and the SDK's own client
 * gets the specification's error codes and hears of new migration files.
 */
class HttpProtocolIT {

    private static final String TOKEN = "protocol-token";
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static TestDatabase db;
    static Path migrations;
    static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(DatabaseKind.SQLITE);
        migrations = Files.createDirectories(dir.resolve("migrations"));
        try (Stream<Path> shipped = Files.list(Path.of("migrations"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, migrations.resolve(file.getFileName()));
            }
        }
        server = ServerProcess.startHttp(db.jdbcUrl(), migrations, dir.resolve("backups"), "--token", TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        db.close();
    }

    static HttpResponse<String> post(String path, String body, String session) throws Exception {
        return post(server, path, body, session, "application/json");
    }

    static HttpResponse<String> post(ServerProcess to, String path, String body, String session, String type)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(to.baseUrl() + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", type)
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON-RPC error body, and nothing of a Java exception in it. */
    static JsonNode jsonRpcError(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertFalse(r.body().contains("stackTrace") || r.body().contains("at io.") || r.body().contains("Exception"),
                "no serialised exception: " + r.body());
        JsonNode body = Json.mapper().readTree(r.body());
        assertEquals("2.0", body.path("jsonrpc").asString(), r.body());
        assertTrue(body.path("error").path("code").isInt(), r.body());
        return body.path("error");
    }

    static String initialize(ServerProcess to) throws Exception {
        HttpResponse<String> r = post(to, "/mcp", INITIALIZE, null, "application/json");
        assertEquals(200, r.statusCode(), r.body());
        String session = r.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertEquals(202, post(to, "/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session,
                "application/json").statusCode());
        return session;
    }

    /** Issue 11: these got a serialised Java exception with 29 stack frames. */
    @Test
    void malformedStreamableRequestsGetJsonRpcErrors() throws Exception {
        assertEquals(-32700, jsonRpcError(post("/mcp", "{not json", null), 400).path("code").asInt());
        assertEquals(-32600, jsonRpcError(post("/mcp", "[1, 2]", null), 400).path("code").asInt());
        jsonRpcError(post(server, "/mcp", INITIALIZE, null, "text/plain"), 415);
        jsonRpcError(post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}", "no-such-session"), 404);
        jsonRpcError(HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/nowhere"))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString()), 404);
        JsonNode noSession = jsonRpcError(post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                null), 400);
        assertTrue(noSession.path("message").asString().contains("initialize"), noSession.toString());

        // a broken chunked body is the client's malformed message (400), not a failure of the server's (it was 500)
        String broken = rawExchange("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{\"jsonrpc\"\r\n");
        assertTrue(broken.startsWith("HTTP/1.1 400"), broken);
        JsonNode error = Json.mapper().readTree(broken.substring(broken.indexOf("\r\n\r\n") + 4));
        assertEquals("2.0", error.path("jsonrpc").asString(), broken);
        assertTrue(error.path("error").path("code").isInt(), broken);
        assertEquals(200, post(server, "/mcp", INITIALIZE, null, "application/json").statusCode(), "still serving");
    }

    /** Sends raw bytes on a connection of its own and reads everything the server answers until it closes. */
    private static String rawExchange(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Issue 11: {@code "params": [1, 2]} got 200 and an empty stream, never an answer. */
    @Test
    void everyStreamableRequestIsAnswered() throws Exception {
        String session = initialize(server);
        HttpResponse<String> r = post("/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":[1, 2]}", session);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = Json.mapper().readTree(r.body());
        assertEquals(3, answer.path("id").asInt(), r.body());
        assertEquals(-32602, answer.path("error").path("code").asInt(), r.body());
        HttpResponse<String> badId = post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}",
                session);
        assertEquals(-32600, jsonRpcError(badId, 400).path("code").asInt());
        assertTrue(post("/mcp", "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}", session).body()
                .contains("\"id\":4"), "the session goes on");
    }

    /** Issue 11: SSE's /message answered malformed JSON with 500; requests before initialize were held. */
    @Test
    void malformedSseMessagesGetJsonRpcErrors() throws Exception {
        HttpResponse<Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/sse"))
                .header("Authorization", "Bearer " + TOKEN).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = stream.body()) {
            String endpoint = lines.filter(l -> l.startsWith("data:")).findFirst().orElseThrow()
                    .substring("data:".length()).strip();
            assertEquals(-32700, jsonRpcError(post(endpoint, "{not json", null), 400).path("code").asInt());
            JsonNode early = jsonRpcError(post(endpoint, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}",
                    null), 400);
            assertEquals(-32600, early.path("code").asInt(), early.toString());
            assertTrue(early.path("message").asString().contains("initialize"), early.toString());
        }
    }

    /**
     * A client posts to its SSE endpoint the moment it reads it; the server counted the session only once its
     * handling of GET /sse had returned, so under load such a post was told "unknown or expired SSE session".
     */
    @Test
    void anSseEndpointTakesAPostTheMomentItIsRead() throws Exception {
        for (int i = 0; i < 25; i++) {
            HttpResponse<Stream<String>> stream = HTTP.send(sseRequest(server).build(),
                    HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = stream.body()) {
                String endpoint = lines.filter(l -> l.startsWith("data:")).findFirst().orElseThrow()
                        .substring("data:".length()).strip();
                HttpResponse<String> r = post(endpoint, INITIALIZE, null);
                assertTrue(r.statusCode() < 300, "attempt " + (i + 1) + ": " + r.statusCode() + " " + r.body());
            }
        }
    }

    /** Issue 11: abandoned sessions were never expired (2,000 of them: +100 MB). */
    @Test
    void sessionsAreCappedAndExpireWhenIdle() throws Exception {
        try (ServerProcess capped = ServerProcess.startHttp(db.jdbcUrl(), migrations, dir.resolve("backups"),
                "--token", TOKEN, "--max-sessions", "2", "--session-idle", "1")) {
            String first = initialize(capped);
            initialize(capped);
            HttpResponse<String> third = post(capped, "/mcp", INITIALIZE, null, "application/json");
            JsonNode full = jsonRpcError(third, 503);
            assertTrue(full.path("message").asString().contains("too many sessions"), full.toString());
            assertEquals(1, Json.mapper().readTree(third.body()).path("id").asInt(), "names the request");

            // idle sessions go within two periods; poll for it rather than guess a sleep
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            HttpResponse<String> later;
            do {
                Thread.sleep(250);
                later = post(capped, "/mcp", INITIALIZE, null, "application/json");
            } while (later.statusCode() == 503 && System.nanoTime() < deadline);
            assertEquals(200, later.statusCode(), "a new session once idle ones expired: " + later.body());
            jsonRpcError(post(capped, "/mcp", "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}", first,
                    "application/json"), 404);
        }
    }

    static HttpRequest.Builder sseRequest(ServerProcess to) {
        return authorized().uri(URI.create(to.baseUrl() + "/sse")).header("Accept", "text/event-stream").GET();
    }

    /** Issue 11: SSE sessions lived as long as their stream, however idle, and were never counted against the cap. */
    @Test
    void sseSessionsShareTheCapAndExpireWhenIdle() throws Exception {
        try (ServerProcess capped = ServerProcess.startHttp(db.jdbcUrl(), migrations, dir.resolve("backups"),
                "--token", TOKEN, "--max-sessions", "2", "--session-idle", "1");
             EventStreamReader first = EventStreamReader.open(HTTP, sseRequest(capped).build())) {
            assertEquals(200, first.status());
            String endpoint = first.await(d -> d.startsWith("/message"), "the endpoint event", 30);
            initialize(capped); // a Streamable HTTP session: the cap is reached

            HttpResponse<String> third = HTTP.send(sseRequest(capped).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode full = jsonRpcError(third, 503);
            assertTrue(full.path("message").asString().contains("too many sessions"), full.toString());
            jsonRpcError(post(capped, "/mcp", INITIALIZE, null, "application/json"), 503);

            // the silent SSE session is closed by the server: its stream ends, its endpoint is gone
            assertTrue(first.awaitEnd(30), "the idle SSE session's stream was ended");
            jsonRpcError(post(capped, endpoint, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}", null,
                    "application/json"), 404);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            EventStreamReader again;
            while (true) {
                again = EventStreamReader.open(HTTP, sseRequest(capped).build());
                if (again.status() == 200 || System.nanoTime() > deadline) {
                    break;
                }
                again.close();
                Thread.sleep(250);
            }
            try (EventStreamReader later = again) {
                assertEquals(200, later.status(), "a new SSE session once the idle ones went");
                later.await(d -> d.startsWith("/message"), "the endpoint event", 30);
            }
        }
    }

    /** An SSE session whose tool call runs longer than the idle time is not closed under it (nor the call cancelled). */
    @Test
    void anSseSessionWithARunningCallIsNotExpired() throws Exception {
        Path slow = Files.createDirectories(dir.resolve("slow-sse"));
        // long enough to outlast two idle periods on an idle machine too (60 pairs took 2.7 s there)
        new MigrationFiles(slow).writeRaw("0001_slow.sql", StdioProtocolIT.slowMigration(200));
        try (TestDatabase target = TestDatabase.create(DatabaseKind.SQLITE);
             ServerProcess s = ServerProcess.startHttp(target.jdbcUrl(), slow, dir.resolve("backups"),
                     "--token", TOKEN, "--session-idle", "1");
             EventStreamReader stream = EventStreamReader.open(HTTP, sseRequest(s).build())) {
            String endpoint = stream.await(d -> d.startsWith("/message"), "the endpoint event", 30);
            assertEquals(200, post(s, endpoint, INITIALIZE, null, "application/json").statusCode());
            stream.await(d -> d.contains("serverInfo"), "the initialize answer", 30);
            assertEquals(200, post(s, endpoint, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    null, "application/json").statusCode());
            long started = System.nanoTime();
            var applying = HTTP.sendAsync(authorized().uri(URI.create(s.baseUrl() + endpoint))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            StdioProtocolIT.call("apply", "apply_migration", "{\"confirm\": true}"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            String answer = stream.await(d -> d.contains("\"id\":\"apply\"") && d.contains("result"),
                    "the apply's answer", 120);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            applying.get(30, TimeUnit.SECONDS);
            assertTrue(tookMs > 3000, "the call must outlast two idle periods for this test to mean anything: "
                    + tookMs + " ms");
            JsonNode result = Json.mapper().readTree(answer).path("result");
            assertFalse(result.path("isError").asBoolean(), result.toString());
            assertEquals("applied", result.path("structuredContent").path("status").asString(), result.toString());
        }
    }

    /** Over SSE too, a cancelled apply stops and its request gets no answer on the event stream. */
    @Test
    void aCancelledApplyOverSseIsNotAnswered() throws Exception {
        Path slow = Files.createDirectories(dir.resolve("slow-sse-cancel"));
        new MigrationFiles(slow).writeRaw("0001_slow.sql", StdioProtocolIT.slowMigration(60));
        try (TestDatabase target = TestDatabase.create(DatabaseKind.SQLITE);
             ServerProcess s = ServerProcess.startHttp(target.jdbcUrl(), slow, dir.resolve("backups"),
                     "--token", TOKEN);
             EventStreamReader stream = EventStreamReader.open(HTTP, sseRequest(s).build())) {
            String endpoint = stream.await(d -> d.startsWith("/message"), "the endpoint event", 30);
            post(s, endpoint, INITIALIZE, null, "application/json");
            stream.await(d -> d.contains("serverInfo"), "the initialize answer", 30);
            post(s, endpoint, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", null,
                    "application/json");
            var applying = HTTP.sendAsync(authorized().uri(URI.create(s.baseUrl() + endpoint))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            StdioProtocolIT.call("apply", "apply_migration", "{\"confirm\": true}"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            stream.await(d -> d.contains("applying version 1"), "the apply's first log message", 60);
            assertEquals(202, post(s, endpoint, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                    + "\"params\":{\"requestId\":\"apply\"}}", null, "application/json").statusCode());
            applying.get(60, TimeUnit.SECONDS); // the SDK's POST returns once the call has ended
            post(s, endpoint, "{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"ping\"}", null,
                    "application/json");
            stream.await(d -> d.contains("\"id\":\"after\""), "the ping's answer", 30);
            assertFalse(stream.messages().stream().anyMatch(m -> "apply".equals(m.path("id").asString())
                    && !m.has("method")), "no answer to the cancelled request: " + stream.messages());
            post(s, endpoint, StdioProtocolIT.call("status", "get_current_version", "{}"), null, "application/json");
            JsonNode status = Json.mapper().readTree(stream.await(d -> d.contains("\"id\":\"status\""),
                    "the status answer", 30)).path("result").path("structuredContent");
            assertTrue(StdioProtocolIT.endedCancelled(status), status.toString());
            assertEquals(0, status.path("current_version").asInt(), status.toString());
        }
    }

    /**
     * Issue 11: cancellation was tested over stdio only. Over Streamable HTTP a cancelled apply stops between
     * statements, the history says exactly how far it got, and the call's stream ends without an answer.
     */
    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"SQLITE", "MYSQL"})
    void aCancelledApplyOverStreamableHttpStopsAndIsNotAnswered(DatabaseKind kind) throws Exception {
        Path slow = Files.createDirectories(dir.resolve("slow-" + kind.id()));
        new MigrationFiles(slow).writeRaw("0001_slow.sql", StdioProtocolIT.slowMigration(40));
        try (TestDatabase target = TestDatabase.create(kind);
             ServerProcess s = ServerProcess.startHttp(target.jdbcUrl(), slow, dir.resolve("backups"),
                     "--token", TOKEN)) {
            String session = initialize(s);
            HttpRequest apply = authorized().uri(URI.create(s.baseUrl() + "/mcp"))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("Mcp-Session-Id", session)
                    .POST(HttpRequest.BodyPublishers.ofString(StdioProtocolIT.call("apply", "apply_migration",
                            "{\"confirm\": true}"))).build();
            try (EventStreamReader stream = EventStreamReader.open(HTTP, apply)) {
                assertEquals(200, stream.status());
                stream.await(d -> d.contains("applying version 1"), "the apply's first log message", 60);
                if (kind == DatabaseKind.MYSQL) {
                    StdioProtocolIT.awaitTable(target, "slow_1"); // some statements have taken effect
                }
                assertEquals(202, post(s, "/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                        + "\"params\":{\"requestId\":\"apply\",\"reason\":\"changed my mind\"}}", session,
                        "application/json").statusCode());
                assertTrue(stream.awaitEnd(60), "the cancelled call's stream ends");
                assertFalse(stream.messages().stream().anyMatch(m -> "apply".equals(m.path("id").asString())
                        && !m.has("method")), "no answer to the cancelled request: " + stream.messages());
            }
            JsonNode status = null;
            for (int i = 0; i < 300 && !StdioProtocolIT.endedCancelled(status); i++) {
                HttpResponse<String> r = post(s, "/mcp", StdioProtocolIT.call(i, "get_current_version", "{}"),
                        session, "application/json");
                status = Json.mapper().readTree(EventStreamResponseData.of(r.body())).path("result")
                        .path("structuredContent");
                Thread.sleep(100);
            }
            assertTrue(StdioProtocolIT.endedCancelled(status), String.valueOf(status));
            assertEquals(0, status.path("current_version").asInt(), status.toString());
            JsonNode failed = status.path("failed").isObject() ? status.path("failed") : status.path("last_failure");
            int done = failed.path("statements_done").asInt(-1);
            if (kind == DatabaseKind.MYSQL) {
                assertEquals("failed", status.path("state").asString(), status.toString());
                assertTrue(done >= 1 && done < 80, "stopped part-way, and the row says where: " + status);
                assertEquals(done + 1, failed.path("error_statement").asInt(), status.toString());
            } else {
                assertEquals(0, done, "rolled back whole: " + status);
            }
        }
    }

    /** The JSON of the (last) data line of an event-stream body, or the body itself when it is plain JSON. */
    private static final class EventStreamResponseData {
        static String of(String body) {
            String json = body.strip();
            for (String line : body.split("\n")) {
                if (line.startsWith("data:")) {
                    json = line.substring(5).strip();
                }
            }
            return json;
        }
    }

    static McpSyncClient client(McpClientTransport transport, List<List<McpSchema.Resource>> changes) {
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .resourcesChangeConsumer(changes::add).build();
        client.initialize();
        return client;
    }

    static HttpRequest.Builder authorized() {
        return HttpRequest.newBuilder().header("Authorization", "Bearer " + TOKEN);
    }

    /** Issue 11: error codes as the specification says, and list_changed, through the SDK's own client. */
    @Test
    void theSdkClientGetsSpecificationErrorCodesAndHearsOfNewFiles() throws Exception {
        List<List<McpSchema.Resource>> changes = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client(HttpClientStreamableHttpTransport.builder(server.baseUrl())
                .endpoint("/mcp").requestBuilder(authorized()).build(), changes)) {
            McpError unknown = assertThrows(McpError.class, () -> client.callTool(
                    McpSchema.CallToolRequest.builder().name("no_such_tool").arguments(Map.of()).build()));
            assertEquals(-32602, unknown.getJsonRpcError().code());
            assertTrue(unknown.getMessage().contains("no_such_tool"), unknown.getMessage());
            McpError missing = assertThrows(McpError.class,
                    () -> client.readResource(new McpSchema.ReadResourceRequest("migration://999")));
            assertEquals(-32002, missing.getJsonRpcError().code());

            new MigrationFiles(migrations).write(10, "added_later", "",
                    "CREATE TABLE added_later (id INTEGER PRIMARY KEY);", "DROP TABLE added_later;");
            assertTrue(McpWorkflowIT.eventually(() -> changes.stream().anyMatch(list -> list.stream()
                    .anyMatch(r -> r.uri().equals("migration://10")))), "list_changed with the new file: " + changes);
            assertNotNull(client.readResource(new McpSchema.ReadResourceRequest("migration://10")));
        }
    }

    @Test
    void theSdkClientOverSseIsRefusedUnknownTools() throws Exception {
        try (McpSyncClient client = client(HttpClientSseClientTransport.builder(server.baseUrl()).sseEndpoint("/sse")
                .requestBuilder(authorized()).build(), new CopyOnWriteArrayList<>())) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> client.callTool(
                    McpSchema.CallToolRequest.builder().name("no_such_tool").arguments(Map.of()).build()));
            assertTrue(String.valueOf(e.getMessage()).contains("no_such_tool") || String.valueOf(e.getCause())
                    .contains("no_such_tool"), String.valueOf(e));
            assertTrue(client.listTools().tools().size() > 9, "the session goes on");
        }
    }
}
