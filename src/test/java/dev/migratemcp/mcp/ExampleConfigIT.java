package dev.migratemcp.mcp;

import dev.migratemcp.json.Json;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.migratemcp.mcp.McpWorkflowIT.call;
import static dev.migratemcp.mcp.McpWorkflowIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Claude Desktop entry we ship in {@code mcp-config.example.json}, run as a client would run it: its command, its
 * arguments and its environment, with only the placeholder paths filled in (this checkout for
 * {@code /absolute/path/to/migrate-mcp}, a temporary folder for the rest).
 */
class ExampleConfigIT {

    private static final String PROJECT_PLACEHOLDER = "/absolute/path/to/migrate-mcp";
    private static final String OTHER_PLACEHOLDER = "/absolute/path/to";

    @TempDir
    Path elsewhere;

    @Test
    void theExampleEntryServesTheWorkflow() throws Exception {
        JsonNode entry = Json.mapper().readTree(Files.readString(Path.of("mcp-config.example.json")))
                .get("mcpServers").get("migrate-mcp");
        String command = filled(entry.get("command").asString());
        assertTrue(Files.isExecutable(Path.of(command)), "the launcher the entry names: " + command);
        List<String> args = new ArrayList<>();
        entry.get("args").forEach(a -> args.add(filled(a.asString())));
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        for (String key : entry.get("env").propertyNames()) {
            env.put(key, filled(entry.get("env").get(key).asString()));
        }

        ServerParameters params = ServerParameters.builder(command).args(args).env(env).build();
        try (McpSyncClient client = McpWorkflowIT.client(new StdioClientTransport(params, McpJsonDefaults.getMapper()),
                new AtomicBoolean(), new AtomicInteger(), new ArrayList<>())) {
            Map<String, Object> before = ok(call(client, "get_current_version", Map.of()));
            assertEquals(0, ((Number) before.get("current_version")).intValue());
            assertEquals(9, ((Number) before.get("latest_version")).intValue());
            assertEquals("applied", ok(call(client, "apply_migration", Map.of())).get("status"));
            assertEquals(Boolean.TRUE, ok(call(client, "validate_schema", Map.of())).get("valid"));
            ok(call(client, "create_backup", Map.of("label", "from the example config")));
            assertEquals("confirmation_required",
                    ok(call(client, "rollback_to_version", Map.of("target_version", 0))).get("status"));
        }
        assertTrue(Files.exists(elsewhere.resolve("mock-server.db")), "the database is where the entry put it");
        try (var backups = Files.list(elsewhere.resolve("backups"))) {
            assertTrue(backups.anyMatch(p -> p.toString().endsWith(".json")), "the backup is where the entry put it");
        }
    }

    private String filled(String value) {
        return value.replace(PROJECT_PLACEHOLDER, Path.of("").toAbsolutePath().toString())
                .replace(OTHER_PLACEHOLDER, elsewhere.toString());
    }
}
