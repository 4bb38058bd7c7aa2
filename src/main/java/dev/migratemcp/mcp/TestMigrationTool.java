package dev.migratemcp.mcp;

import dev.migratemcp.engine.TestReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class TestMigrationTool extends BaseTool {

    TestMigrationTool() {
        super("test_migration", "Rehearse migrations on a scratch database",
                "Never touches this database: makes a scratch database of the same kind (SQLite: a temp file; "
                        + "PostgreSQL/MySQL: a temporary database on the same server, dropped afterwards), brings it "
                        + "to the current version, then runs the pending migrations (or the one named) up, down and "
                        + "up again, checking that down restores exactly the schema before up. Reports per "
                        + "migration ok, the failing statement, or the precise schema difference, with timings. Use "
                        + "it before apply_migration on anything new.",
                InputSchema.none().version("version", "Rehearse only this migration (default: all pending).", false, false),
                TestReport.class, Effect.READS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        TestReport r = context.engine().testMigrations(arguments.version("version"));
        long ok = r.results().stream().filter(x -> x.status().equals("ok")).count();
        return ToolResults.ok(r, "Rehearsal " + r.status() + ": " + ok + " of " + r.results().size()
                + " migration(s) went up, down and up again cleanly.");
    }
}
