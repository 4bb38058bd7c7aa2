package dev.migratemcp.mcp;

import dev.migratemcp.engine.VerifyReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class VerifyBackupTool extends BaseTool {

    VerifyBackupTool() {
        super("verify_backup", "Verify a backup",
                "Checks a backup's file against its manifest; deep: true also restores it into a scratch "
                        + "database and compares.",
                InputSchema.none().string("backup_id", "From list_backups.", true, 200)
                        .bool("deep", "true: also restore and compare."),
                VerifyReport.class, Effect.READS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        VerifyReport r = context.engine().verifyBackup(arguments.string("backup_id"), arguments.flag("deep"));
        return ToolResults.ok(r, "Backup " + r.backupId() + (r.valid() ? " is sound." : " has problems: "
                + String.join("; ", r.problems())));
    }
}
