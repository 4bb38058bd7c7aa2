package dev.migratemcp.mcp;

import dev.migratemcp.engine.PlanReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class PlanMigrationTool extends BaseTool {

    PlanMigrationTool() {
        super("plan_migration", "Plan a migration for review",
                "The exact SQL that apply_migration (target at or above the current version) or rollback_to_version "
                        + "(below it) would run on this database, in order, with each statement's risks: data_loss "
                        + "(DROP TABLE/COLUMN, TRUNCATE, DELETE or UPDATE without WHERE, type changes), "
                        + "fails_if_not_empty (NOT NULL without default, new unique index), long_lock (index builds "
                        + "without CONCURRENTLY, table rewrites, MySQL copying ALTERs), not_transactional (cannot be "
                        + "rolled back) and table_rebuild (SQLite). Returns a plan_id: pass it to apply_migration or "
                        + "rollback_to_version so that exactly the reviewed plan runs, or nothing. A pending target "
                        + "below the current version is refused unless out_of_order is true; then it is applied, as "
                        + "apply_migration with out_of_order would. Reads only.",
                InputSchema.none().version("target_version", "The version to bring the database to.", true, true)
                        .bool("out_of_order", "Allow planning to apply pending versions below the current one."),
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
