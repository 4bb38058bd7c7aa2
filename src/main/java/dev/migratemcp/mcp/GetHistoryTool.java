package dev.migratemcp.mcp;

import dev.migratemcp.engine.HistoryReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class GetHistoryTool extends BaseTool {

    GetHistoryTool() {
        super("get_history", "Migration history",
                "The history table: each applied or failed migration with checksum, when and by whom, "
                        + "duration, statements run, error.",
                InputSchema.none(), HistoryReport.class, Effect.READS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        HistoryReport r = context.engine().history();
        return ToolResults.ok(r, r.entries().size() + " history row(s)." + RestoreNote.of(r.interruptedRestore()));
    }
}
