package dev.migratemcp.mcp;

import dev.migratemcp.backup.BackupManifest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class CreateBackupTool extends BaseTool {

    CreateBackupTool() {
        super("create_backup", "Back up the database",
                "Takes a consistent backup of the database into the backups folder, with a manifest (id, schema "
                        + "version, method, size, SHA-256, rows per table): SQLite with VACUUM INTO, PostgreSQL with "
                        + "pg_dump, MySQL/MariaDB with mysqldump --single-transaction, or, where those tools are "
                        + "missing, migrate-mcp's own streaming dump. apply and rollback also take one by themselves "
                        + "before risky changes. Changes nothing in the database.",
                InputSchema.none().string("label", "Free text to remember the backup by.", false, 200), BackupManifest.class,
                Effect.WRITES_FILES);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        BackupManifest m = context.engine().createBackup(arguments.string("label"),
                new McpProgress(context.exchange(), context.progressToken(), true));
        return ToolResults.ok(m, "Backup " + m.id() + " at version " + m.schemaVersion() + ", " + m.sizeBytes()
                + " bytes.");
    }
}
