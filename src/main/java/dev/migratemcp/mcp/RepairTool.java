package dev.migratemcp.mcp;

import dev.migratemcp.engine.RepairReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class RepairTool extends BaseTool {

    RepairTool() {
        super("repair", "Repair a failed migration",
                "For a migration that failed part-way (get_current_version shows state 'failed'). Without confirm: "
                        + "true it changes nothing and returns the options with the exact SQL each would run: "
                        + "'resume' (run the remaining statements, after the cause was fixed), 'revert_partial' "
                        + "(undo what took effect with the matching statements of the other section) and "
                        + "'mark_reverted' (a person undid it by hand; forget the attempt). DESTRUCTIVE with "
                        + "confirm: show the user the options and take one only on their explicit choice.",
                InputSchema.none()
                        .integer("version", "The failed migration's version.", true)
                        .string("action", "resume, revert_partial or mark_reverted.")
                        .bool("confirm", "true to take the action; anything else only shows the options."),
                RepairReport.class, Effect.DESTROYS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        long version = arguments.requiredLong("version");
        RepairReport r = context.engine().repair(version, arguments.optionalString("action"),
                arguments.flag("confirm"), context.progress());
        String text = r.status().equals("repaired")
                ? "Version " + version + " repaired with " + r.action() + "; now at version " + r.currentVersion() + "."
                : "Version " + version + " failed after " + r.statementsDone() + " of " + r.statementsTotal()
                + " statements; " + r.options().stream().filter(RepairReport.Option::possible).count()
                + " possible action(s). Nothing was changed.";
        return ToolResults.ok(r, text);
    }
}
