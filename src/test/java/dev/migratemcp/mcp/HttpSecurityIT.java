package dev.migratemcp.mcp;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.migratemcp.json.Json;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP front door: bearer token, Host and Origin checks, and no unprotected binding off loopback. */
class HttpSecurityIT {

    private static final String TOKEN = "front-door-token";
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @TempDir
    static Path backups;

    static TestDatabase db;
    static ServerProcess server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(DatabaseKind.SQLITE);
        server = ServerProcess.startHttp(db.jdbcUrl(), Path.of("migrations").toAbsolutePath(), backups,
                "--token", TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        db.close();
    }

    static HttpResponse<String> post(String authorization, String origin) throws Exception {
        return post(HTTP, authorization, origin);
    }

    static HttpResponse<String> post(HttpClient http, String authorization, String origin) throws Exception {
        return post(server, http, authorization, origin);
    }

    static HttpResponse<String> post(ServerProcess server, HttpClient http, String authorization, String origin)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tokenIsRequiredAndChecked() throws Exception {
        HttpResponse<String> none = post(null, null);
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, post("Bearer wrong-token", null).statusCode());
        assertEquals(401, post(TOKEN, null).statusCode(), "the scheme is part of it");
        assertEquals(200, post("Bearer " + TOKEN, null).statusCode());
        // fresh connections: Jetty's per-connection header cache would hand back the "Bearer" spelling seen before
        assertEquals(200, post(HttpClient.newHttpClient(), "bearer " + TOKEN, null).statusCode(),
                "the scheme is case-insensitive (RFC 7235)");
        assertEquals(200, post(HttpClient.newHttpClient(), "BEARER " + TOKEN, null).statusCode());
        HttpClient oneConnection = HttpClient.newHttpClient();
        assertEquals(200, post(oneConnection, "Bearer " + TOKEN, null).statusCode());
        assertEquals(401, post(oneConnection, "Bearer " + TOKEN.toUpperCase(), null).statusCode(),
                "the token itself is case-sensitive, on a reused connection too");
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/sse")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "the SSE endpoint is guarded too");
    }

    @Test
    void foreignOriginsAreRefused() throws Exception {
        assertEquals(403, post("Bearer " + TOKEN, "https://evil.example").statusCode());
        assertEquals(403, post("Bearer " + TOKEN, "http://localhost.evil.example:3000").statusCode());
        assertEquals(200, post("Bearer " + TOKEN, "http://localhost:5173").statusCode());
        assertEquals(200, post("Bearer " + TOKEN, "http://127.0.0.1").statusCode());
    }

    /**
     * A refusal leaves the request's body unread, and Jetty may then close the connection after answering; the answer
     * says so, so that a client never sends its next request down a connection that is going away (seen once as
     * "received no bytes" on the request after a 403).
     */
    @Test
    void refusalsAtTheDoorCloseTheirConnection() throws Exception {
        for (HttpResponse<String> refused : List.of(post("Bearer " + TOKEN, "https://evil.example"),
                post(null, null), post("Bearer wrong", null))) {
            assertTrue(refused.statusCode() == 403 || refused.statusCode() == 401, refused.toString());
            assertEquals(Optional.of("close"), refused.headers().firstValue("connection"), refused.toString());
        }
        assertEquals(200, post("Bearer " + TOKEN, "http://127.0.0.1").statusCode(), "the next request is served");
    }

    /** Issue 11: an Origin with a quote in it made the 403 body invalid JSON. */
    @Test
    void refusalsAreJsonRpcErrorsBuiltByTheSerialiser() throws Exception {
        HttpResponse<String> refused = post("Bearer " + TOKEN, "http://evil\"example");
        assertEquals(403, refused.statusCode());
        JsonNode body = Json.mapper().readTree(refused.body());
        assertEquals("2.0", body.path("jsonrpc").asString(), refused.body());
        assertTrue(body.path("error").path("message").asString().contains("evil\"example"), refused.body());
        assertTrue(Json.mapper().readTree(post(null, null).body()).path("error").has("code"), "401 too");
    }

    /** Issue 11: TRACE was answered 200 with the request's headers, the bearer token included. */
    @Test
    void onlyTheMethodsTheTransportsUseAreServed() throws Exception {
        for (String method : new String[]{"TRACE", "PUT", "PATCH", "OPTIONS"}) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, r.statusCode(), method);
            assertFalse(r.body().contains(TOKEN), method + " must not echo the token: " + r.body());
            assertEquals(-32600, Json.mapper().readTree(r.body()).path("error").path("code").asInt(), r.body());
        }
    }

    /** DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 still sends Host: evil.example. */
    @Test
    void foreignHostHeadersAreRefused() throws Exception {
        assertTrue(rawPost("evil.example:" + server.port()).startsWith("HTTP/1.1 421"));
        assertTrue(rawPost("localhost:" + server.port()).startsWith("HTTP/1.1 200"));
    }

    private static String rawPost(String host) throws Exception {
        return rawPost(server, "Bearer " + TOKEN, host);
    }

    private static String rawPost(ServerProcess server, String authorization, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
            String head = "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + authorization
                    + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] status = new byte[12];
            int n = in.readNBytes(status, 0, 12);
            return new String(status, 0, n, StandardCharsets.US_ASCII);
        }
    }

    /**
     * README's HTTP example gives the token in MIGRATE_MCP_TOKEN, and a Host or Origin given with --allowed-host or
     * --allowed-origin is let in beside the loopback ones, while any other is still refused; the server's log, at its
     * most verbose, names neither the token nor a wrong one a client sent.
     */
    @Test
    void theTokenFromTheEnvironmentAndTheAllowedHostsAndOriginsAreHonoured() throws Exception {
        try (ServerProcess other = ServerProcess.startHttp(Map.of("MIGRATE_MCP_TOKEN", "token-from-env"),
                db.jdbcUrl(), Path.of("migrations").toAbsolutePath(), backups, "--allowed-host", "db-tools.internal",
                "--allowed-origin", "https://console.example", "--verbose")) {
            assertEquals(401, post(other, HTTP, "Bearer near-miss-token", null).statusCode());
            assertEquals(401, post(other, HTTP, null, null).statusCode());
            assertEquals(401, post(other, HTTP, "Bearer " + TOKEN, null).statusCode());
            assertEquals(200, post(other, HTTP, "Bearer token-from-env", null).statusCode());
            assertEquals(200, post(other, HTTP, "Bearer token-from-env", "https://console.example").statusCode());
            assertEquals(403, post(other, HTTP, "Bearer token-from-env", "https://evil.example").statusCode());
            assertTrue(rawPost(other, "Bearer token-from-env", "db-tools.internal").startsWith("HTTP/1.1 200"));
            assertTrue(rawPost(other, "Bearer token-from-env", "db-tools.internal:" + other.port())
                    .startsWith("HTTP/1.1 200"));
            assertTrue(rawPost(other, "Bearer token-from-env", "evil.example").startsWith("HTTP/1.1 421"));
            // README: tokens never appear in a log line, neither the server's nor one a client got wrong
            String log = other.stderr();
            assertTrue(log.contains("initialize"), "the log is read: " + log);
            assertFalse(log.contains("token-from-env") || log.contains("near-miss-token"), log);
        }
    }

    @Test
    void refusesToBindOffLoopbackWithoutAToken() throws Exception {
        Process p = new ProcessBuilder(ServerProcess.java(), "-jar", ServerProcess.jar(), "--url", db.jdbcUrl(),
                "serve", "--http", "--host", "0.0.0.0", "--port", "0").redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.contains("without a token"), output);
    }
}
