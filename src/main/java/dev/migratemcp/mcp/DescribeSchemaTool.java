package dev.migratemcp.mcp;

import dev.migratemcp.schema.SchemaSnapshot;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

final class DescribeSchemaTool extends BaseTool {

    DescribeSchemaTool() {
        super("describe_schema", "Describe the live schema",
                "The live schema: tables (columns, keys, indexes, checks), views, triggers, routines, sequences, "
                        + "types, other schemas. Write migrations against this, not memory.",
                InputSchema.none().string("table", "As object (a table, with its triggers).", false, 256)
                        .string("object", "Only this object of any kind (schema.name elsewhere).", false, 256)
                        .string("schema", "Only this schema.", false, 256),
                JsonSchemas.shallow(SchemaSnapshot.class), Effect.READS);
    }

    @Override
    public CallToolResult call(ToolContext context, Arguments arguments) {
        String object = arguments.string("object");
        SchemaSnapshot s = context.engine().describeSchema(arguments.string("schema"),
                object != null ? object : arguments.string("table"));
        return ToolResults.ok(s, s.tables().size() + " table(s), " + s.views().size() + " view(s), "
                + s.triggers().size() + " trigger(s), " + s.routines().size() + " routine(s).");
    }
}
