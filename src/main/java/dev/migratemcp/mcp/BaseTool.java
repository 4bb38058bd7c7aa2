package dev.migratemcp.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

/** The definition every tool has: name, title, description for a model, schemas made from the report record. */
abstract class BaseTool implements McpTool {

    /** The behaviour hints MCP clients show people and use to decide what needs their approval. */
    enum Effect {
        READS(true, false, true),
        ADDS(false, false, true),
        WRITES_FILES(false, false, false),
        DESTROYS(false, true, true);

        final boolean readOnly;
        final boolean destructive;
        final boolean idempotent;

        Effect(boolean readOnly, boolean destructive, boolean idempotent) {
            this.readOnly = readOnly;
            this.destructive = destructive;
            this.idempotent = idempotent;
        }
    }

    private final McpSchema.Tool definition;
    private final InputSchema input;
    private final Effect effect;

    BaseTool(String name, String title, String description, InputSchema input, Class<? extends Record> output,
             Effect effect) {
        this.input = input;
        this.effect = effect;
        this.definition = McpSchema.Tool.builder()
                .name(name)
                .title(title)
                .description(description)
                .inputSchema(input.toMap())
                .outputSchema(JsonSchemas.of(output))
                .annotations(new ToolAnnotations(title, effect.readOnly, effect.destructive, effect.idempotent, false,
                        null))
                .build();
    }

    @Override
    public McpSchema.Tool definition() {
        return definition;
    }

    @Override
    public InputSchema input() {
        return input;
    }

    @Override
    public boolean readOnly() {
        return effect.readOnly;
    }
}
