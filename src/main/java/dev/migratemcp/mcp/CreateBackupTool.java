package dev.migratemcp.mcp;

import dev.migratemcp.backup.BackupManifest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class CreateBackupTool extends BaseTool {

    CreateBackupTool() {
        super("create_backup", "Back up the database",
                "A consistent backup with a manifest (id, version, method, size, SHA-256, per-table rows and "
                        + "content hash).",
                InputSchema.none().string("label", "Free text.", false, 200),
                BackupManifest.class, Effect.WRITES_FILES);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        BackupManifest m = context.engine().createBackup(arguments.string("label"),
                new McpProgress(context.exchange(), context.progressToken(), true));
        return ToolResults.ok(m, "Backup " + m.id() + " at version " + m.schemaVersion() + ", " + m.sizeBytes()
                + " bytes.");
    }
}
