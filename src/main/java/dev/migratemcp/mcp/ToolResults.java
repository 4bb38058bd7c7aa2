package dev.migratemcp.mcp;

import dev.migratemcp.engine.ErrorInfo;
import dev.migratemcp.json.Json;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

import java.util.List;
import java.util.Map;

/** A tool's answer: the report as {@code structuredContent} plus one short line of text for people and models. */
final class ToolResults {

    private ToolResults() {
    }

    static CallToolResult ok(Object report, String text) {
        return CallToolResult.builder()
                .content(List.of(new TextContent(text)))
                .structuredContent(asMap(report))
                .isError(false)
                .build();
    }

    /** An error as a result, never as a protocol failure: the session goes on. */
    static CallToolResult error(ErrorInfo error) {
        String text = "error [" + error.code() + "]: " + error.message()
                + (error.hint() == null ? "" : " Hint: " + error.hint());
        return CallToolResult.builder()
                .content(List.of(new TextContent(text)))
                .structuredContent(Map.of("error", asMap(error)))
                .isError(true)
                .build();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return Json.mapper().convertValue(value, Map.class);
    }
}
