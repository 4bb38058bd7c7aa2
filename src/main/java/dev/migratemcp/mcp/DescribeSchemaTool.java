package dev.migratemcp.mcp;

import dev.migratemcp.schema.SchemaSnapshot;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class DescribeSchemaTool extends BaseTool {

    DescribeSchemaTool() {
        super("describe_schema", "Describe the live schema",
                "The live schema, whole or one table: columns (normalised type, nullable, default), "
                        + "primary key, indexes, foreign keys, views and triggers. Write migrations against this, "
                        + "not against memory.",
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
