package dev.migratemcp.mcp;

import dev.migratemcp.engine.RestoreReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class RestoreBackupTool extends BaseTool {

    RestoreBackupTool() {
        super("restore_backup", "Restore a backup",
                "DESTRUCTIVE: replaces the database with a backup. Without confirm: true it only says what "
                        + "would be replaced; with it: checks the backup, takes a safety backup, restores. Only on the "
                        + "user's explicit agreement.",
                InputSchema.none()
                        .string("backup_id", "From list_backups.", true, 200)
                        .bool("confirm", "true to restore."),
                RestoreReport.class, Effect.DESTROYS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        String id = arguments.string("backup_id");
        boolean confirm = arguments.flag("confirm");
        if (confirm && HumanApproval.canAsk(context)) {
            RestoreReport plan = context.engine().restoreBackup(id, false);
            if (!HumanApproval.approves(context, name(), "Replace the database with this backup", describe(plan)
                    + " A safety backup of the database as it is now is taken first.")) {
                return ToolResults.ok(new RestoreReport("declined", plan.backup(), plan.fromVersion(),
                        plan.fromVersion(), null), "The user did not approve restoring backup " + id
                        + "; nothing was changed.");
            }
        }
        RestoreReport r = context.engine().restoreBackup(id, confirm);
        String text = r.status().equals("restored")
                ? "Restored backup " + r.backup().id() + ": version " + r.fromVersion() + " -> " + r.toVersion()
                + "; the state before is in backup " + r.safetyBackup().id() + "."
                : describe(r) + " Nothing was changed; call again with confirm: true to do it.";
        return ToolResults.ok(r, text);
    }

    private static String describe(RestoreReport plan) {
        return "Restoring backup " + plan.backup().id() + " (taken " + plan.backup().createdAt() + ") replaces the "
                + "whole database, now at version " + plan.fromVersion() + ", with its state at version "
                + plan.toVersion() + ".";
    }
}
