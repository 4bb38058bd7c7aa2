package dev.migratemcp.mcp;

import dev.migratemcp.engine.ValidationReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class ValidateSchemaTool extends BaseTool {

    ValidateSchemaTool() {
        super("validate_schema", "Validate migrations against the database",
                "Checks the migration files against the history table (files changed after being applied, "
                        + "applied versions whose file is gone, failed migrations, broken dependencies), the version "
                        + "against expected_version, and drift: the live schema against the snapshot recorded when "
                        + "the database reached its version, naming every table, column (type, nullability, "
                        + "default), index, foreign key, view and trigger that is missing, extra or changed. Returns "
                        + "valid and problems [{kind, severity, version, object, message}]. Reads only (except that "
                        + "a database migrated before snapshots existed gets its first one recorded).",
                InputSchema.none().version("expected_version", "The version the database should be at.", false, true),
                ValidationReport.class, Effect.READS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        ValidationReport r = context.engine().validateSchema(arguments.version("expected_version"));
        return ToolResults.ok(r, r.valid() ? "Valid: " + r.migrationsChecked() + " file(s), " + r.appliedChecked()
                + " history row(s)." : "Invalid: " + r.problems().size() + " problem(s).");
    }
}
