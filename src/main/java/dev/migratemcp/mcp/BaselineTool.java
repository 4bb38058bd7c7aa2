package dev.migratemcp.mcp;

import dev.migratemcp.engine.BaselineReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class BaselineTool extends BaseTool {

    BaselineTool() {
        super("baseline", "Mark an existing database as being at a version",
                "For a database that already has the schema (made by hand or another tool): records the "
                        + "migrations up to version as applied without running them, after checking that the live "
                        + "schema is exactly what they make (against the recorded snapshot, or a rehearsal on a "
                        + "scratch database); refuses with the differences otherwise. Without confirm: true it only "
                        + "reports what it would record.",
                InputSchema.none()
                        .version("version", "The version the database's schema is at.", true, false)
                        .bool("confirm", "true to record it; anything else only shows what would be recorded."),
                BaselineReport.class, Effect.DESTROYS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        BaselineReport r = context.engine().baseline(arguments.version("version"), arguments.flag("confirm"));
        return ToolResults.ok(r, (r.status().equals("baselined") ? "Recorded " : "Would record ")
                + r.versions().size() + " migration(s) as applied up to version " + r.version() + " (schema checked "
                + "against the " + r.checkedAgainst().replace('_', ' ') + ").");
    }
}
