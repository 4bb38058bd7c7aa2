package dev.migratemcp.mcp;

import dev.migratemcp.engine.ApplyReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class ApplyMigrationTool extends BaseTool {

    ApplyMigrationTool() {
        super("apply_migration", "Apply pending migrations",
                "Applies pending migrations in order, all of them or up to and including target_version. Use "
                        + "dry_run: true first to get the exact SQL without changing anything, and show it to the "
                        + "user. Each migration runs in one transaction where the database allows (SQLite, "
                        + "PostgreSQL); on MySQL a failure can leave a migration part-applied, recorded as failed. "
                        + "Refuses when files changed after being applied or a dependency would break, and with "
                        + "plan_id (from plan_migration) when anything changed since that plan, and when a pending "
                        + "version lies below the current one unless out_of_order is true. Returns "
                        + "status 'applied', 'up_to_date' or 'dry_run', from_version, to_version and what ran.",
                InputSchema.none()
                        .version("target_version", "Apply up to and including this version (default: all).", false, false)
                        .bool("dry_run", "Return the SQL that would run and change nothing.")
                        .string("plan_id", "From plan_migration: run only if nothing changed since that plan.", false, 128)
                        .bool("out_of_order", "Allow applying pending versions below the current one."),
                ApplyReport.class, Effect.ADDS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        Long target = arguments.version("target_version");
        boolean dryRun = arguments.flag("dry_run");
        ApplyReport r = context.engine().apply(target, dryRun, context.progress(),
                arguments.string("plan_id"), arguments.flag("out_of_order"));
        String text = switch (r.status()) {
            case "up_to_date" -> "Already up to date at version " + r.fromVersion() + ".";
            case "dry_run" -> "Dry run: " + r.plan().size() + " migration(s) would run, version " + r.fromVersion()
                    + " -> " + r.toVersion() + "; nothing was changed.";
            default -> "Applied " + r.applied().size() + " migration(s): version " + r.fromVersion() + " -> "
                    + r.toVersion() + ".";
        };
        return ToolResults.ok(r, text);
    }
}
