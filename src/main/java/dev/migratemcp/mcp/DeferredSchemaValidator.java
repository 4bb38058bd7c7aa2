package dev.migratemcp.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;

import java.util.Map;

/**
 * The SDK's JSON Schema validator, which checks every tool result against the tool's output schema, made on the
 * first tool call instead of when the server is built.
 *
 * <p>Making it loads and initialises a whole schema library (some 250 classes and the 2020-12 meta-schemas), and the
 * SDK's builder then checks every tool's input and output schema against the meta-schema: an MCP client waited for
 * both before it saw the answer to {@code initialize}. Our tool schemas are constants of the build, so that check
 * is done once by {@code ToolSchemaConformanceTest} with the SDK's own validator, not at every start: this class
 * answers the builder's {@link #validateSchema} as valid. Tool results are still validated, by the real validator.
 */
final class DeferredSchemaValidator implements JsonSchemaValidator {

    private volatile JsonSchemaValidator validator;

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return validator().validate(schema, structuredContent);
    }

    /** Only the builder asks this, for our own constant schemas (see the class comment). */
    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return ValidationResponse.asValid(null);
    }

    private JsonSchemaValidator validator() {
        JsonSchemaValidator made = validator;
        if (made == null) {
            synchronized (this) {
                made = validator;
                if (made == null) {
                    made = McpJsonDefaults.getSchemaValidator();
                    validator = made;
                }
            }
        }
        return made;
    }
}
