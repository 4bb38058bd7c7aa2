package dev.migratemcp.mcp;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.ApplyReport;
import dev.migratemcp.engine.PlannedMigration;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

import java.util.List;

/**
 * Applies pending migrations. A plan that loses data (a data_loss statement) is destructive: without
 * {@code confirm: true} the engine returns it and changes nothing; with it, and when the client can ask, the human
 * approves the exact plan first, and the backup policy takes a backup before it runs.
 */
final class ApplyMigrationTool extends BaseTool {

    ApplyMigrationTool() {
        super("apply_migration", "Apply pending migrations",
                "Applies pending migrations in order (all, or up to target_version), each in one "
                        + "transaction where the database allows, then due Flyway repeatables. dry_run: true returns "
                        + "the SQL with each statement's risks, changing nothing. A plan with data_loss statements "
                        + "needs confirm: true; "
                        + "without it the result is status confirmation_required with the plan, nothing changed: "
                        + "show it to the user first. plan_id (from plan_migration) runs exactly that plan or "
                        + "nothing. A pending version below the current one is refused unless out_of_order: true.",
                InputSchema.none()
                        .version("target_version", "Apply up to and including this version (default: all).", false)
                        .bool("dry_run", "Return the SQL and change nothing.")
                        .bool("confirm", "true to run a plan that loses data.")
                        .string("plan_id", "From plan_migration.", false, 128)
                        .bool("out_of_order", "Allow pending versions below the current one."),
                ApplyReport.class, Effect.DESTROYS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        Version target = arguments.version("target_version");
        boolean dryRun = arguments.flag("dry_run");
        boolean confirm = arguments.flag("confirm");
        String planId = arguments.string("plan_id");
        boolean outOfOrder = arguments.flag("out_of_order");
        boolean ask = confirm && HumanApproval.canAsk(context);
        // asking: a plan that loses data comes back unrun, to be put to the human; any other plan just runs
        ApplyReport r = context.engine().apply(target, dryRun, context.progress(), planId, outOfOrder,
                confirm && !ask, null);
        if (ask && r.status().equals("confirmation_required")) {
            if (!HumanApproval.approves(context, name(), "Run these migrations, losing the data named",
                    "Apply version " + r.fromVersion() + " -> " + r.toVersion() + "; statements marked data_loss "
                            + "destroy data:" + PlanMessages.migrations(r.plan()) + repeatables(r))) {
                return ToolResults.ok(new ApplyReport("declined", r.fromVersion(), r.fromVersion(), List.of(),
                        r.plan(), List.of("the user did not approve the plan"), null), "The user did not approve "
                        + "applying " + r.plan().size() + " migration(s); nothing was changed.");
            }
            List<Version> approved = r.plan().stream().map(PlannedMigration::version).toList();
            r = context.engine().apply(target, false, context.progress(), planId, outOfOrder, true, approved);
        }
        return ToolResults.ok(r, text(r));
    }

    private static String text(ApplyReport r) {
        return switch (r.status()) {
            case "up_to_date" -> "Already up to date at version " + r.fromVersion() + ".";
            case "dry_run" -> "Dry run: " + r.plan().size() + " migration(s) would run, version " + r.fromVersion()
                    + " -> " + r.toVersion() + "; nothing was changed.";
            case "confirmation_required" -> "Not applied: the plan (version " + r.fromVersion() + " -> "
                    + r.toVersion() + ") loses data: " + PlanMessages.dataLoss(r.plan()) + repeatables(r)
                    + ". Nothing was changed; "
                    + "show the plan to the user and call again with confirm: true only on their agreement.";
            default -> "Applied " + r.applied().size() + " migration(s): version " + r.fromVersion() + " -> "
                    + r.toVersion() + repeatables(r) + (r.backup() == null ? "." : "; backup " + r.backup().id()
                    + " taken first.");
        };
    }

    /** The Flyway repeatable scripts that ran (or would run) after the migrations, for the text line. */
    private static String repeatables(ApplyReport r) {
        return r.repeatables().isEmpty() ? "" : "; repeatable scripts after them: " + String.join(", ",
                r.repeatables().stream().map(ApplyReport.RepeatableRun::file).toList());
    }
}
