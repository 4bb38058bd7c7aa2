package dev.migratemcp.mcp;

import dev.migratemcp.engine.StatusReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class GetCurrentVersionTool extends BaseTool {

    GetCurrentVersionTool() {
        super("get_current_version", "Current schema version",
                "Where the database stands: current_version (0 when none applied), latest_version, the "
                        + "pending versions, and state clean, failed (then the failed migration, with a hint) or "
                        + "restore_interrupted (a MySQL restore half swapped; see interrupted_restore). "
                        + "Call this first.",
                InputSchema.none(), StatusReport.class, Effect.READS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        StatusReport r = context.engine().status();
        return ToolResults.ok(r, "Version " + r.currentVersion() + " of " + r.latestVersion() + ", "
                + r.pendingCount() + " pending, state " + r.state() + ".");
    }
}
