package dev.migratemcp.mcp;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.PlannedStatement;
import dev.migratemcp.engine.RepairAction;
import dev.migratemcp.engine.RepairReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import java.util.Arrays;
import java.util.List;

final class RepairTool extends BaseTool {

    RepairTool() {
        super("repair", "Repair a failed migration",
                "For a migration that failed part-way (state failed) or an applied one whose file changed "
                        + "(checksum_mismatch). Without confirm: true it returns the options with their exact SQL, "
                        + "changing nothing: resume (run the rest, after fixing the cause), revert_partial (undo "
                        + "what took effect), mark_reverted (undone by hand), accept_checksum (record the edited "
                        + "file; nothing runs), mark_statement_done/_not_done (a statement in doubt). Take an action "
                        + "only on the user's explicit choice.",
                InputSchema.none()
                        .version("version", "The migration's version.", true)
                        // every action the engine offers: an option the result lists must be one a call can take
                        .choice("action", "The way out to take (with confirm).",
                                Arrays.stream(RepairAction.values()).map(RepairAction::id).toList())
                        .bool("confirm", "true to take the action."),
                RepairReport.class, Effect.DESTROYS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        Version version = arguments.version("version");
        String action = arguments.string("action");
        boolean confirm = arguments.flag("confirm");
        if (confirm && action != null && HumanApproval.canAsk(context)) {
            RepairReport plan = context.engine().repair(version, action, false, context.progress());
            RepairReport.Option chosen = plan.options().stream().filter(o -> o.action().equals(action) && o.possible())
                    .findFirst().orElse(null);
            // an action that is not possible is refused by the repair itself, with its reason: nothing to ask
            if (chosen != null
                    && !HumanApproval.approves(context, name(), "Take this repair", describe(plan, chosen))) {
                RepairReport declined = new RepairReport("declined", plan.problem(), plan.version(),
                        plan.description(), plan.direction(), plan.statementsDone(), plan.statementsTotal(),
                        plan.error(), plan.options(), null, plan.currentVersion(), plan.inDoubt());
                return ToolResults.ok(declined, "The user did not approve " + action + " for version " + version
                        + "; nothing was changed.");
            }
        }
        RepairReport r = context.engine().repair(version, action, confirm, context.progress());
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

    private static String describe(RepairReport plan, RepairReport.Option chosen) {
        StringBuilder sb = new StringBuilder("Repair version " + plan.version() + " (" + plan.description() + ", "
                + plan.problem().replace('_', ' ') + ": " + plan.error() + ") with " + chosen.action() + ": "
                + chosen.reason());
        for (PlannedStatement st : chosen.statements()) {
            sb.append("\n  ").append(st.index()).append(". ").append(st.sql().strip());
        }
        return sb.toString();
    }
}
