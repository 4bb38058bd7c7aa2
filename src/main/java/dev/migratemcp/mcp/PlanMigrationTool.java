package dev.migratemcp.mcp;

import dev.migratemcp.engine.PlanReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class PlanMigrationTool extends BaseTool {

    PlanMigrationTool() {
        super("plan_migration", "Plan a migration for review",
                "The exact SQL that apply_migration (target at or above the current version) or "
                        + "rollback_to_version (below) would run, with each statement's risks: data_loss, "
                        + "fails_if_not_empty, long_lock, not_transactional, non_transactional_table, "
                        + "table_rebuild. Its plan_id, passed to either, runs exactly this plan or nothing. A "
                        + "pending target below the current version is refused unless out_of_order: true.",
                InputSchema.none().version("target_version", "The version to bring the database to.", true)
                        .bool("out_of_order", "Allow pending versions below the current one."),
                PlanReport.class, Effect.READS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        PlanReport p = context.engine().plan(arguments.version("target_version"),
                arguments.flag("out_of_order"));
        long statements = p.migrations().stream().mapToLong(m -> m.statements().size()).sum();
        return ToolResults.ok(p, (p.direction().equals("up") ? "Apply" : "Rollback") + " plan " + p.planId()
                .substring(0, 12) + "...: version " + p.fromVersion() + " -> " + p.toVersion() + ", "
                + p.migrations().size() + " migration(s), " + statements + " statement(s), risks " + p.riskCounts()
                + ".");
    }
}
