package dev.migratemcp.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/** One MCP tool: what it is (name, schemas, annotations) and what it does. */
interface McpTool {

    McpSchema.Tool definition();

    InputSchema input();

    /** Whether {@code serve --read-only} offers it: only tools that write nothing where they are served so. */
    boolean servedReadOnly();

    CallToolResult call(ToolContext context, Arguments arguments);
}
