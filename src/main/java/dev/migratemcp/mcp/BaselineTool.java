package dev.migratemcp.mcp;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.BaselineReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import java.util.List;

final class BaselineTool extends BaseTool {

    BaselineTool() {
        super("baseline", "Mark an existing database as being at a version",
                "For a database that already has the schema: records the migrations up to version as "
                        + "applied without running them, after checking the live schema is what they make; refuses "
                        + "with the differences otherwise. Without confirm: true "
                        + "it only reports what it would record.",
                InputSchema.none()
                        .version("version", "The version the schema is at.", true)
                        .bool("confirm", "true to record it."),
                BaselineReport.class, Effect.DESTROYS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        Version version = arguments.version("version");
        boolean confirm = arguments.flag("confirm");
        if (confirm && HumanApproval.canAsk(context)) {
            BaselineReport plan = context.engine().baseline(version, false);
            if (!HumanApproval.approves(context, name(), "Record these migrations as applied", "Record versions "
                    + plan.versions() + " as applied without running them: the schema matches what they make "
                    + "(checked against the " + plan.checkedAgainst().replace('_', ' ') + "). Later applies will "
                    + "skip them.")) {
                return ToolResults.ok(new BaselineReport("declined", version, plan.versions(), plan.checkedAgainst(),
                        List.of()), "The user did not approve the baseline; nothing was changed.");
            }
        }
        BaselineReport r = context.engine().baseline(version, confirm);
        return ToolResults.ok(r, (r.status().equals("baselined") ? "Recorded " : "Would record ")
                + r.versions().size() + " migration(s) as applied up to version " + r.version() + " (schema checked "
                + "against the " + r.checkedAgainst().replace('_', ' ') + ").");
    }
}
