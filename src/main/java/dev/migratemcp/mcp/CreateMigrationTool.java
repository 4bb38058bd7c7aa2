package dev.migratemcp.mcp;

import dev.migratemcp.engine.CreatedMigration;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class CreateMigrationTool extends BaseTool {

    CreateMigrationTool() {
        super("create_migration", "Write a new migration file",
                "Writes the next version's migration file (up_sql, and down_sql undoing it exactly) after "
                        + "checking it fits the existing files and, unless rehearse: false, that this database runs "
                        + "it up, down and up again on a scratch database. A failing migration is not written; the "
                        + "error has the failing statement. Never overwrites or applies. Call describe_schema "
                        + "first.",
                InputSchema.none()
                        .string("description", "What it does, in a few words.", true, 200)
                        .string("up_sql", "The SQL that applies the change.", true, 1_000_000)
                        .string("down_sql", "The SQL that undoes it.", false, 1_000_000)
                        .versions("depends_on", "Versions it needs applied first.")
                        .bool("backup_required", "It puts existing data at risk.")
                        .bool("rehearse", "false skips the scratch database rehearsal (default true)."),
                CreatedMigration.class, Effect.WRITES_FILES);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        CreatedMigration m = context.engine().createMigration(arguments.string("description"),
                arguments.string("up_sql"), arguments.string("down_sql"), arguments.versions("depends_on"),
                arguments.flag("backup_required"), arguments.flagOr("rehearse", true));
        String text = "Wrote " + m.file() + " (version " + m.version() + ")"
                + (m.test() == null ? "; not rehearsed." : " after a rehearsal: " + m.test().status() + ".");
        return ToolResults.ok(m, text);
    }
}
