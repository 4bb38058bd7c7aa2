package dev.migratemcp.mcp;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.PlannedMigration;
import dev.migratemcp.engine.RollbackReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import java.util.List;

/**
 * Reverts migrations. Without {@code confirm: true} it only describes the plan. With it, and when the client can ask
 * its user, the server also puts the exact plan to the human and runs it only on their approval.
 */
final class RollbackToVersionTool extends BaseTool {

    RollbackToVersionTool() {
        super("rollback_to_version", "Roll back to a version",
                "Reverts every applied migration above target_version, newest first (0: all but a migration 0). "
                        + "DESTRUCTIVE: drops what they created, with its data. Without confirm: true it changes "
                        + "nothing and returns status confirmation_required with will_revert (each down SQL and "
                        + "what it destroys). Confirm only on the user's explicit agreement. dry_run: true returns "
                        + "the plan only.",
                InputSchema.none()
                        .version("target_version", "Revert every applied migration above this version.", true)
                        .bool("confirm", "true to revert.")
                        .bool("dry_run", "Return the plan and change nothing.")
                        .string("plan_id", "From plan_migration.", false, 128),
                RollbackReport.class, Effect.DESTROYS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        Version target = arguments.version("target_version");
        boolean confirm = arguments.flag("confirm");
        boolean dryRun = arguments.flag("dry_run");
        String planId = arguments.string("plan_id");
        if (dryRun || !confirm) {
            RollbackReport plan = context.engine().planRollback(target, dryRun ? "dry_run" : "confirmation_required");
            return ToolResults.ok(plan, describePlan(plan) + (plan.status().equals("confirmation_required")
                    ? " Nothing was changed; call again with confirm: true to do it." : ""));
        }
        List<Version> approved = null;
        if (HumanApproval.canAsk(context)) {
            RollbackReport plan = context.engine().planRollback(target, "confirmation_required");
            if (plan.status().equals("up_to_date")) {
                return ToolResults.ok(plan, describePlan(plan));
            }
            if (!HumanApproval.approves(context, name(), "Revert these migrations",
                    describePlan(plan) + PlanMessages.migrations(plan.willRevert()))) {
                RollbackReport declined = new RollbackReport("declined", plan.fromVersion(), plan.toVersion(),
                        plan.willRevert(), List.of(), List.of("the user did not approve the rollback"), null);
                return ToolResults.ok(declined, "The user did not approve reverting " + plan.willRevert().size()
                        + " migration(s); nothing was changed.");
            }
            approved = plan.willRevert().stream().map(PlannedMigration::version).toList();
        }
        RollbackReport r = context.engine().rollback(target, context.progress(), approved, planId);
        return ToolResults.ok(r, r.status().equals("up_to_date") ? describePlan(r) : "Rolled back "
                + r.reverted().size() + " migration(s): version " + r.fromVersion() + " -> " + r.toVersion()
                + (r.backup() == null ? "." : "; backup " + r.backup().id() + " taken first."));
    }

    static String describePlan(RollbackReport plan) {
        if (plan.willRevert().isEmpty()) {
            return "Nothing to roll back: version " + plan.fromVersion() + " is not above the target.";
        }
        return "Rollback from version " + plan.fromVersion() + " to " + plan.toVersion() + " reverts "
                + plan.willRevert().size() + " migration(s): " + String.join(", ", plan.willRevert().stream()
                .map(m -> m.version() + " (" + m.description() + ")").toList()) + ".";
    }
}
