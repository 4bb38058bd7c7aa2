package dev.migratemcp.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

import java.util.Map;

/** The definition every tool has: name, title, description for a model, schemas made from the report record. */
abstract class BaseTool implements McpTool {

    /**
     * What a tool does to its surroundings, as the behaviour hints MCP clients show people and use to decide what
     * needs their approval, and whether {@code serve --read-only} offers it.
     */
    enum Effect {
        /** Reads the database and files; writes nothing anywhere. */
        READS(true, false, true, true),
        /**
         * Writes nothing to this database, but rehearses on a scratch database (on PostgreSQL/MySQL a temporary
         * database on the same server). Served read-only, where the engine refuses what needs a server scratch.
         */
        REHEARSES(false, false, true, true),
        /** Writes a new file (a migration, a backup); each call writes another. */
        WRITES_FILES(false, false, false, false),
        /** Can destroy schema or data, or rewrite the history: needs confirm, and the human is asked. */
        DESTROYS(false, true, true, false);

        final boolean readOnly;
        final boolean destructive;
        final boolean idempotent;
        final boolean servedReadOnly;

        Effect(boolean readOnly, boolean destructive, boolean idempotent, boolean servedReadOnly) {
            this.readOnly = readOnly;
            this.destructive = destructive;
            this.idempotent = idempotent;
            this.servedReadOnly = servedReadOnly;
        }
    }

    private final McpSchema.Tool definition;
    private final InputSchema input;
    private final Effect effect;

    BaseTool(String name, String title, String description, InputSchema input, Class<? extends Record> output,
             Effect effect) {
        this(name, title, description, input, JsonSchemas.of(output), effect);
    }

    /** With an output schema of its own (see {@link JsonSchemas#shallow}). */
    BaseTool(String name, String title, String description, InputSchema input, Map<String, Object> outputSchema,
             Effect effect) {
        this.input = input;
        this.effect = effect;
        this.definition = McpSchema.Tool.builder()
                .name(name)
                .title(title)
                .description(description)
                .inputSchema(input.toMap())
                .outputSchema(outputSchema)
                // the title is the tool's own; repeating it in the annotations would only cost tokens
                .annotations(new ToolAnnotations(null, effect.readOnly, effect.destructive, effect.idempotent, false,
                        null))
                .build();
    }

    /** The tool's name, for messages. */
    String name() {
        return definition.name();
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
    public boolean servedReadOnly() {
        return effect.servedReadOnly;
    }
}
