package dev.migratemcp.mcp;

import dev.migratemcp.engine.Destruction;
import dev.migratemcp.engine.PlannedMigration;
import dev.migratemcp.engine.RollbackReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;

import java.util.List;
import java.util.Map;

/**
 * Reverts migrations. Without {@code confirm: true} it only describes the plan. With it, and when the client can ask
 * its user, the server also puts the exact plan to the human and runs it only on their approval: a model's
 * confirmation alone is not a person's.
 */
final class RollbackToVersionTool extends BaseTool {

    RollbackToVersionTool() {
        super("rollback_to_version", "Roll back to a version",
                "Reverts every applied migration above target_version, newest first (0 reverts everything). "
                        + "DESTRUCTIVE: drops what those migrations created, with its data. Without confirm: true it "
                        + "changes nothing and returns status 'confirmation_required' with will_revert: each "
                        + "migration's down SQL and what it destroys (tables, columns, rows with counts). Show that "
                        + "to the user and call again with confirm: true only on their explicit agreement; the user "
                        + "may also be asked directly. dry_run: true returns the plan as 'dry_run'.",
                InputSchema.none()
                        .version("target_version", "Revert every applied migration above this version.", true, true)
                        .bool("confirm", "true to actually revert; anything else only shows the plan.")
                        .bool("dry_run", "Return the plan and change nothing.")
                        .string("plan_id", "From plan_migration: revert only if nothing changed since that plan.", false, 128),
                RollbackReport.class, Effect.DESTROYS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        long target = arguments.version("target_version");
        boolean confirm = arguments.flag("confirm");
        boolean dryRun = arguments.flag("dry_run");
        if (dryRun || !confirm) {
            RollbackReport plan = context.engine().planRollback(target, dryRun ? "dry_run" : "confirmation_required");
            return ToolResults.ok(plan, describePlan(plan) + (plan.status().equals("confirmation_required")
                    ? " Nothing was changed; call again with confirm: true to do it." : ""));
        }
        List<Long> approved = null;
        if (asksHuman(context)) {
            RollbackReport plan = context.engine().planRollback(target, "confirmation_required");
            if (plan.status().equals("up_to_date")) {
                return ToolResults.ok(plan, describePlan(plan));
            }
            if (!approvedByHuman(context, plan)) {
                RollbackReport declined = new RollbackReport("declined", plan.fromVersion(), plan.toVersion(),
                        plan.willRevert(), List.of(), List.of("the user did not approve the rollback"), null);
                return ToolResults.ok(declined, "The user did not approve reverting " + plan.willRevert().size()
                        + " migration(s); nothing was changed.");
            }
            approved = plan.willRevert().stream().map(PlannedMigration::version).toList();
        }
        RollbackReport r = context.engine().rollback(target, context.progress(), approved,
                arguments.string("plan_id"));
        return ToolResults.ok(r, r.status().equals("up_to_date") ? describePlan(r) : "Rolled back "
                + r.reverted().size() + " migration(s): version " + r.fromVersion() + " -> " + r.toVersion() + ".");
    }

    private static boolean asksHuman(ToolContext context) {
        var capabilities = context.exchange().getClientCapabilities();
        return context.settings().elicitation() == ServeSettings.Elicitation.AUTO && capabilities != null
                && capabilities.elicitation() != null;
    }

    private static boolean approvedByHuman(ToolContext context, RollbackReport plan) {
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("approve", Map.of("type", "boolean", "title", "Revert these migrations",
                        "description", "Yes to run the rollback exactly as described")),
                "required", List.of("approve"));
        ElicitResult answer = context.exchange().createElicitation(
                ElicitFormRequest.builder(describePlan(plan) + "\n" + destructionLines(plan), schema).build());
        return answer.action() == ElicitResult.Action.ACCEPT && answer.content() != null
                && Boolean.TRUE.equals(answer.content().get("approve"));
    }

    static String describePlan(RollbackReport plan) {
        if (plan.willRevert().isEmpty()) {
            return "Nothing to roll back: version " + plan.fromVersion() + " is not above the target.";
        }
        return "Rollback from version " + plan.fromVersion() + " to " + plan.toVersion() + " reverts "
                + plan.willRevert().size() + " migration(s): " + String.join(", ", plan.willRevert().stream()
                .map(m -> m.version() + " (" + m.description() + ")").toList()) + ".";
    }

    private static String destructionLines(RollbackReport plan) {
        StringBuilder sb = new StringBuilder("It destroys:");
        for (PlannedMigration m : plan.willRevert()) {
            for (Destruction d : m.destroys()) {
                sb.append("\n- ").append(d.kind()).append(' ').append(d.object())
                        .append(d.rows() == null ? "" : " (" + d.rows() + " rows)");
            }
        }
        return sb.toString();
    }
}
