package dev.migratemcp.mcp;

import dev.migratemcp.engine.BackupList;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class ListBackupsTool extends BaseTool {

    ListBackupsTool() {
        super("list_backups", "List backups",
                "This database's complete backups, newest first, each with its manifest.",
                InputSchema.none(), BackupList.class, Effect.READS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        BackupList r = context.engine().listBackups();
        return ToolResults.ok(r, r.backups().size() + " backup(s) in " + r.folder() + ".");
    }
}
