package dev.migratemcp.mcp;

import dev.migratemcp.engine.TestReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class TestMigrationTool extends BaseTool {

    TestMigrationTool() {
        super("test_migration", "Rehearse migrations on a scratch database",
                "Rehearses the pending migrations (or one version) on a scratch database of the same "
                        + "kind: up, down, up again, checking down restores the schema exactly. Never touches this "
                        + "database; on PostgreSQL/MySQL it uses a temporary database on the server (refused when "
                        + "read-only).",
                InputSchema.none().version("version", "Only this migration (default: all pending).", false),
                TestReport.class, Effect.REHEARSES);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        TestReport r = context.engine().testMigrations(arguments.version("version"));
        long ok = r.results().stream().filter(x -> x.status().equals("ok")).count();
        return ToolResults.ok(r, "Rehearsal " + r.status() + ": " + ok + " of " + r.results().size()
                + " migration(s) went up, down and up again cleanly.");
    }
}
