package dev.migratemcp.mcp;

import dev.migratemcp.schema.SchemaSnapshot;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class DescribeSchemaTool extends BaseTool {

    DescribeSchemaTool() {
        super("describe_schema", "Describe the live schema",
                "The database's schema as it really is now, whole or one table: tables with columns (normalised "
                        + "type, nullable, default, auto_increment), primary key, indexes (columns in order, unique, "
                        + "partial predicate), foreign keys (columns, referenced table and columns, on delete/update), "
                        + "views and triggers. Write the next migration against this, not against memory. Reads only.",
                InputSchema.none().string("table", "Only this table (default: the whole schema).", false, 256),
                SchemaSnapshot.class, Effect.READS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        SchemaSnapshot s = context.engine().describeSchema(arguments.string("table"));
        return ToolResults.ok(s, s.tables().size() + " table(s), " + s.views().size() + " view(s), "
                + s.triggers().size() + " trigger(s).");
    }
}
