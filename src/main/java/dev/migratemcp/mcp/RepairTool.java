package dev.migratemcp.mcp;

import dev.migratemcp.engine.RepairReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import java.util.List;

final class RepairTool extends BaseTool {

    RepairTool() {
        super("repair", "Repair a failed migration",
                "For a migration that failed part-way (get_current_version shows state 'failed'), or an applied "
                        + "one whose file was edited since (validate_schema reports checksum_mismatch). Without "
                        + "confirm: true it changes nothing and returns the options with the exact SQL each would "
                        + "run: for a failure 'resume' (run the remaining statements, after the cause was fixed), "
                        + "'revert_partial' (undo what took effect with the matching statements of the other "
                        + "section) and 'mark_reverted' (a person undid it by hand; forget the attempt); for an "
                        + "edited file 'accept_checksum' (record the file as it is now; nothing runs, so only for "
                        + "edits that do not change what the up SQL did, such as a corrected down section). "
                        + "DESTRUCTIVE with confirm: show the user the options and take one only on their explicit "
                        + "choice.",
                InputSchema.none()
                        .version("version", "The migration's version.", true, false)
                        .choice("action", "The way out to take (with confirm).", List.of("resume", "revert_partial", "mark_reverted", "accept_checksum"))
                        .bool("confirm", "true to take the action; anything else only shows the options."),
                RepairReport.class, Effect.DESTROYS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        long version = arguments.version("version");
        RepairReport r = context.engine().repair(version, arguments.string("action"),
                arguments.flag("confirm"), context.progress());
        long possible = r.options().stream().filter(RepairReport.Option::possible).count();
        String text = r.status().equals("repaired")
                ? "Version " + version + " repaired with " + r.action() + "; now at version " + r.currentVersion() + "."
                : r.problem().equals("file_changed")
                ? "Version " + version + " is applied but " + r.error() + "; " + possible
                + " possible action(s). Nothing was changed."
                : "Version " + version + " failed after " + r.statementsDone() + " of " + r.statementsTotal()
                + " statements; " + possible + " possible action(s). Nothing was changed.";
        return ToolResults.ok(r, text);
    }
}
