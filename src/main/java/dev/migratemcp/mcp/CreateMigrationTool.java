package dev.migratemcp.mcp;

import dev.migratemcp.engine.CreatedMigration;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;


final class CreateMigrationTool extends BaseTool {

    CreateMigrationTool() {
        super("create_migration", "Write a new migration file",
                "Writes the next version's migration file (up_sql, down_sql that undoes it exactly, optional "
                        + "depends_on versions and backup_required) after checking that it parses and fits the "
                        + "existing migrations; never overwrites. With test: true it is rehearsed at once on a "
                        + "scratch database (the file is kept even when the rehearsal fails, and the result says "
                        + "so). Apply it afterwards with apply_migration. Call describe_schema first and write "
                        + "against the live schema.",
                InputSchema.none()
                        .string("description", "What the migration does, in a few words.", true, 200)
                        .string("up_sql", "The SQL that applies the change.", true, 1_000_000)
                        .string("down_sql", "The SQL that undoes it exactly.", false, 1_000_000)
                        .versions("depends_on", "Versions this migration needs applied first.")
                        .bool("backup_required", "The change puts existing data at risk.")
                        .bool("test", "Rehearse it on a scratch database right away."),
                CreatedMigration.class, Effect.WRITES_FILES);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        CreatedMigration m = context.engine().createMigration(arguments.string("description"),
                arguments.string("up_sql"), arguments.string("down_sql"),
                arguments.versions("depends_on"), arguments.flag("backup_required"), arguments.flag("test"));
        String text = "Wrote " + m.file() + " (version " + m.version() + ")"
                + (m.test() == null ? "." : "; rehearsal " + m.test().status() + ".");
        return ToolResults.ok(m, text);
    }

}
