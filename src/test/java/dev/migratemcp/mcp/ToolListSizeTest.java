package dev.migratemcp.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every conversation pays for the tool list in tokens: the full set stays under 20,000 bytes as {@code tools/list}
 * sends it, while every tool keeps its title, description, input and output schema and annotations.
 */
class ToolListSizeTest {

    static final int BOUND = 20_000;

    @Test
    void theFullToolListIsSmall() throws Exception {
        List<McpSchema.Tool> tools = ToolRegistry.all().stream().map(McpTool::definition).toList();
        String json = McpJsonDefaults.getMapper().writeValueAsString(new McpSchema.ListToolsResult(tools, null));
        int size = json.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder perTool = new StringBuilder();
        for (McpSchema.Tool t : tools) {
            perTool.append(String.format("%n  %-22s %6d bytes (output schema %5d)", t.name(),
                    McpJsonDefaults.getMapper().writeValueAsString(t).length(),
                    McpJsonDefaults.getMapper().writeValueAsString(t.outputSchema()).length()));
        }
        if (Boolean.getBoolean("toolList.print")) {
            System.out.println(json);
        }
        System.out.println("tools/list: " + size + " bytes for " + tools.size() + " tools" + perTool);
        assertTrue(size <= BOUND, "tools/list is " + size + " bytes, above " + BOUND + perTool);
        for (McpSchema.Tool t : tools) {
            assertNotNull(t.title(), t.name());
            assertTrue(t.description() != null && t.description().length() > 40, t.name());
            assertNotNull(t.inputSchema(), t.name());
            assertNotNull(t.outputSchema(), t.name());
            assertNotNull(t.annotations().readOnlyHint(), t.name());
            assertNotNull(t.annotations().destructiveHint(), t.name());
            assertNotNull(t.annotations().idempotentHint(), t.name());
        }
    }

    /** What the prose calls required, the schema requires; closed sets are enums. */
    @Test
    void schemasRequireWhatTheDescriptionsSay() {
        Map<String, List<String>> required = Map.of("create_migration", List.of("description", "up_sql"),
                "verify_backup", List.of("backup_id"), "restore_backup", List.of("backup_id"),
                "rollback_to_version", List.of("target_version"), "show_migration", List.of("version"));
        for (McpTool tool : ToolRegistry.all()) {
            List<String> expected = required.get(tool.definition().name());
            if (expected != null) {
                assertEquals(expected, tool.definition().inputSchema().get("required"), tool.definition().name());
            }
            assertTrue(!tool.definition().description().contains("VACUUM INTO"), tool.definition().name());
        }
        McpTool repair = ToolRegistry.all().stream().filter(t -> t.definition().name().equals("repair")).findFirst()
                .orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> action = ((Map<String, Map<String, Object>>) repair.definition().inputSchema()
                .get("properties")).get("action");
        // every way out the engine offers can be taken: mark_statement_done/_not_done were offered but refused
        assertEquals(List.of("resume", "mark_reverted", "revert_partial", "accept_checksum", "mark_statement_done",
                "mark_statement_not_done"), action.get("enum"));
    }
}
