package dev.migratemcp.mcp;

import dev.migratemcp.engine.ValidationReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class ValidateSchemaTool extends BaseTool {

    ValidateSchemaTool() {
        super("validate_schema", "Validate migrations against the database",
                "Checks the migration files against the history table: files changed after being applied "
                        + "(checksum_mismatch), applied versions whose file is gone (missing_file), failed "
                        + "migrations, broken dependencies, versions pending below the current one. Returns valid "
                        + "and problems [{kind, severity, version, object, message}]. Reads only.",
                InputSchema.none(), ValidationReport.class, Effect.READS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        ValidationReport r = context.engine().validate();
        return ToolResults.ok(r, r.valid() ? "Valid: " + r.migrationsChecked() + " file(s), " + r.appliedChecked()
                + " history row(s)." : "Invalid: " + r.problems().size() + " problem(s).");
    }
}
