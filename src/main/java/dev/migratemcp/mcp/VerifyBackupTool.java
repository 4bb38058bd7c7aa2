package dev.migratemcp.mcp;

import dev.migratemcp.engine.VerifyReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class VerifyBackupTool extends BaseTool {

    VerifyBackupTool() {
        super("verify_backup", "Verify a backup",
                "Checks a backup before trusting it: the manifest, the file with its recorded size and "
                        + "SHA-256, and that it reads back (SQLite integrity check, pg_restore --list, a complete "
                        + "dump).",
                InputSchema.none().string("backup_id", "The backup's id, from list_backups.", true, 200),
                VerifyReport.class, Effect.READS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        VerifyReport r = context.engine().verifyBackup(arguments.string("backup_id"));
        return ToolResults.ok(r, "Backup " + r.backupId() + (r.valid() ? " is sound." : " has problems: "
                + String.join("; ", r.problems())));
    }
}
