package dev.migratemcp.mcp;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.json.Json;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Raw JSON-RPC over stdio, as a careless client might send it: stdout must carry nothing but protocol lines, and
 * malformed input, unknown methods and unknown tools get errors while the session goes on.
 */
class StdioProtocolIT {

    @Test
    void malformedInputIsAnsweredAndTheSessionGoesOn() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE)) {
            Process p = new ProcessBuilder(ServerProcess.java(), "-jar", ServerProcess.jar(), "--url", db.jdbcUrl(),
                    "--migrations", Path.of("migrations").toAbsolutePath().toString(), "--verbose", "serve").start();
            OutputStream in = p.getOutputStream();
            String[] lines = {
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "this is not json",
                "[1, 2, 3]",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"no/such/method\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\",\"arguments\":{}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"apply_migration\","
                        + "\"arguments\":{\"target_version\":{\"x\":1}}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"get_current_version\","
                        + "\"arguments\":{}}}",
            };
            for (String line : lines) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            in.flush();

            Map<String, JsonNode> byId = new HashMap<>();
            int parseErrors = 0;
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while (!byId.containsKey("5") && (line = out.readLine()) != null) {
                JsonNode message = Json.mapper().readTree(line); // every stdout line is protocol
                assertEquals("2.0", message.path("jsonrpc").asString(), line);
                if (message.has("id") && message.get("id").isNull()) {
                    parseErrors++;
                } else if (message.has("id")) {
                    byId.put(message.get("id").asString(), message);
                }
            }
            in.close();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the server ends when stdin closes");

            assertEquals(2, parseErrors, "one error for the non-JSON line and one for the array");
            assertEquals(-32601, byId.get("2").path("error").path("code").asInt());
            assertTrue(byId.get("3").has("error"), byId.get("3").toString());
            assertEquals("invalid_argument", byId.get("4").path("result").path("structuredContent").path("error")
                    .path("code").asString());
            assertEquals(0, byId.get("5").path("result").path("structuredContent").path("current_version").asInt());
        }
    }
}
