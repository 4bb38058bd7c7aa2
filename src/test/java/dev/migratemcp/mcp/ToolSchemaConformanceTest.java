package dev.migratemcp.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every tool's input and output schema is a valid JSON Schema by the SDK's own validator: the check the SDK's
 * server builder would make at every start, made here once instead (see {@link DeferredSchemaValidator}).
 */
class ToolSchemaConformanceTest {

    private final JsonSchemaValidator sdkValidator = McpJsonDefaults.getSchemaValidator();

    @Test
    void everyToolSchemaConformsToTheMetaSchema() {
        List<String> invalid = new ArrayList<>();
        for (McpTool tool : ToolRegistry.all()) {
            McpSchema.Tool definition = tool.definition();
            assertNotNull(definition.outputSchema(), definition.name() + " has no output schema");
            check(definition.name() + " input", definition.inputSchema(), invalid);
            check(definition.name() + " output", definition.outputSchema(), invalid);
        }
        assertEquals(List.of(), invalid);
    }

    /** The check above can fail: the same validator refuses a schema that breaks the meta-schema. */
    @Test
    void theValidatorRefusesABrokenSchema() {
        assertFalse(sdkValidator.validateSchema(Map.of("type", 5)).valid());
        assertFalse(sdkValidator.validateSchema(Map.of("type", "object", "required", "name")).valid());
    }

    /** What the server is built with answers the builder without loading the validator, and still validates. */
    @Test
    void theDeferredValidatorStillValidatesToolResults() {
        DeferredSchemaValidator deferred = new DeferredSchemaValidator();
        Map<String, Object> schema = Map.of("type", "object", "required", List.of("version"),
                "properties", Map.of("version", Map.of("type", "integer")));
        assertFalse(deferred.validate(schema, Map.of("version", "x")).valid());
        assertEquals(true, deferred.validate(schema, Map.of("version", 3)).valid());
    }

    private void check(String what, Map<String, Object> schema, List<String> invalid) {
        JsonSchemaValidator.ValidationResponse response = sdkValidator.validateSchema(schema);
        if (!response.valid()) {
            invalid.add(what + ": " + response.errorMessage());
        }
    }
}
