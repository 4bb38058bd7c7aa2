package dev.migratemcp.mcp;

import dev.migratemcp.backup.BackupManifest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class CreateBackupTool extends BaseTool {

    CreateBackupTool() {
        super("create_backup", "Back up the database",
                "Takes a consistent backup of the database into the backups folder, with a manifest (id, schema "
                        + "version, size, SHA-256, rows per table). Take one before risky changes. Available for "
                        + "SQLite; other databases answer 'unsupported'. Changes nothing in the database.",
                InputSchema.none().string("label", "Free text to remember the backup by."), BackupManifest.class,
                Effect.WRITES_FILES);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        BackupManifest m = context.engine().createBackup(arguments.optionalString("label"));
        return ToolResults.ok(m, "Backup " + m.id() + " at version " + m.schemaVersion() + ", " + m.sizeBytes()
                + " bytes.");
    }
}
