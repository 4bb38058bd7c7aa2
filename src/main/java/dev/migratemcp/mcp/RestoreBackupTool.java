package dev.migratemcp.mcp;

import dev.migratemcp.engine.RestoreReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class RestoreBackupTool extends BaseTool {

    RestoreBackupTool() {
        super("restore_backup", "Restore a backup",
                "DESTRUCTIVE: replaces the whole database with a backup's contents. Without confirm: true it changes "
                        + "nothing and says what would be replaced (the version now and the backup's). With it, it "
                        + "verifies the backup, takes a safety backup of the current state first (named in the "
                        + "result), then restores. Ask the user before confirming.",
                InputSchema.none()
                        .string("backup_id", "The backup's id, from list_backups.", true, 200)
                        .bool("confirm", "true to restore; anything else only shows what would be replaced."),
                RestoreReport.class, Effect.DESTROYS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        RestoreReport r = context.engine().restoreBackup(arguments.string("backup_id"),
                arguments.flag("confirm"));
        String text = r.status().equals("restored")
                ? "Restored backup " + r.backup().id() + ": version " + r.fromVersion() + " -> " + r.toVersion()
                + "; the state before is in backup " + r.safetyBackup().id() + "."
                : "Restoring backup " + r.backup().id() + " would replace the database at version "
                + r.fromVersion() + " with its state at version " + r.toVersion() + ". Nothing was changed; call "
                + "again with confirm: true to do it.";
        return ToolResults.ok(r, text);
    }
}
