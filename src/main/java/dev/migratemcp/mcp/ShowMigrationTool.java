package dev.migratemcp.mcp;

import dev.migratemcp.engine.ShowReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class ShowMigrationTool extends BaseTool {

    ShowMigrationTool() {
        super("show_migration", "Show one migration",
                "One migration as it runs on this database: description, file, checksum, dependencies, "
                        + "status and its up and down SQL by statement (down null when irreversible).",
                InputSchema.none().version("version", "The migration's version.", true), ShowReport.class,
                Effect.READS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        ShowReport r = context.engine().show(arguments.version("version"));
        return ToolResults.ok(r, "Version " + r.version() + " (" + r.status() + "): " + r.description() + ", "
                + r.up().statements().size() + " up statement(s)"
                + (r.down() == null ? ", no down." : ", " + r.down().statements().size() + " down statement(s).")
                + RestoreNote.of(r.interruptedRestore()));
    }
}
