package dev.migratemcp.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a tool's input schema and remembers its argument names, so the two cannot disagree. */
final class InputSchema {

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    static InputSchema none() {
        return new InputSchema();
    }

    InputSchema integer(String name, String description, boolean mandatory) {
        return property(name, Map.of("type", "integer", "minimum", 0, "description", description), mandatory);
    }

    InputSchema bool(String name, String description) {
        return property(name, Map.of("type", "boolean", "default", false, "description", description), false);
    }

    InputSchema integers(String name, String description) {
        return property(name, Map.of("type", "array", "items", Map.of("type", "integer", "minimum", 1),
                "description", description), false);
    }

    InputSchema string(String name, String description) {
        return property(name, Map.of("type", "string", "description", description), false);
    }

    private InputSchema property(String name, Map<String, Object> schema, boolean mandatory) {
        properties.put(name, schema);
        if (mandatory) {
            required.add(name);
        }
        return this;
    }

    Set<String> names() {
        return properties.keySet();
    }

    Map<String, Object> toMap() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }
}
