package dev.migratemcp.mcp;

import dev.migratemcp.engine.VerifyReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class VerifyBackupTool extends BaseTool {

    VerifyBackupTool() {
        super("verify_backup", "Verify a backup",
                "Checks a backup before trusting it: the manifest, the file with its recorded size and "
                        + "SHA-256, and that it reads back (SQLite integrity check, pg_restore --list, a complete "
                        + "dump). deep: true also restores it into a scratch database and compares schema, rows and "
                        + "content hashes with the manifest.",
                InputSchema.none().string("backup_id", "The backup's id, from list_backups.", true, 200)
                        .bool("deep", "true to also restore it into a scratch database and compare (slower)."),
                VerifyReport.class, Effect.READS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        VerifyReport r = context.engine().verifyBackup(arguments.string("backup_id"), arguments.flag("deep"));
        return ToolResults.ok(r, "Backup " + r.backupId() + (r.valid() ? " is sound." : " has problems: "
                + String.join("; ", r.problems())));
    }
}
