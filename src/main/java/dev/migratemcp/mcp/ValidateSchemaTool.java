package dev.migratemcp.mcp;

import dev.migratemcp.engine.ValidationReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class ValidateSchemaTool extends BaseTool {

    ValidateSchemaTool() {
        super("validate_schema", "Validate migrations against the database",
                "Checks the files against the history (changed checksums, missing files, failed "
                        + "migrations, dependencies), the version against expected_version, and drift: the live "
                        + "schema against the snapshot recorded for its version (or, without one, a rehearsal of "
                        + "the applied migrations on a scratch database), naming each object missing, extra or "
                        + "changed. Returns valid and problems.",
                InputSchema.none().version("expected_version", "The version the database should be at.", false),
                ValidationReport.class, Effect.READS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        ValidationReport r = context.engine().validateSchema(arguments.version("expected_version"),
                false); // a read-only tool: a reference it has to rehearse is not recorded
        return ToolResults.ok(r, r.valid() ? "Valid: " + r.migrationsChecked() + " file(s), " + r.appliedChecked()
                + " history row(s)." : "Invalid: " + r.problems().size() + " problem(s).");
    }
}
