package dev.migratemcp.mcp;

import dev.migratemcp.engine.PendingReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class ListPendingTool extends BaseTool {

    ListPendingTool() {
        super("list_pending", "Pending migrations",
                "The migrations not yet applied, in the order apply_migration runs them, with depends_on, "
                        + "backup_required and transactional (false: a failure may leave it half applied).",
                InputSchema.none(), PendingReport.class, Effect.READS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        PendingReport r = context.engine().pending();
        return ToolResults.ok(r, (r.pending().isEmpty() ? "Nothing pending at version " + r.currentVersion() + "."
                : r.pending().size() + " pending migration(s) after version " + r.currentVersion() + ".")
                + RestoreNote.of(r.interruptedRestore()));
    }
}
