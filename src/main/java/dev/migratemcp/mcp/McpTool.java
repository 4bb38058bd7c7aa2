package dev.migratemcp.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/** One MCP tool: what it is (name, schemas, annotations) and what it does. */
interface McpTool {

    McpSchema.Tool definition();

    InputSchema input();

    /** Tools that change nothing are the only ones served with {@code --read-only}. */
    boolean readOnly();

    CallToolResult call(ToolContext context, Arguments arguments);
}
