package dev.migratemcp.mcp;

import dev.migratemcp.migration.Version;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a tool's input schema and keeps what {@link Arguments} checks against it (names, required ones, version
 * ranges, length limits, allowed values), so the schema a model reads and the checks it meets cannot disagree.
 */
final class InputSchema {

    /** What one argument may be, as far as {@link Arguments} checks it. */
    record Rule(boolean required, int maxLength, List<String> choices) {
    }

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    static InputSchema none() {
        return new InputSchema();
    }

    /**
     * A migration version: a whole number from 0 to 2^53 - 1 as a JSON number or a string of digits (a client that
     * cannot write large integers exactly may send them as text), or a dotted version as a string ({@code "1.1"}).
     */
    InputSchema version(String name, String description, boolean mandatory) {
        return property(name, Map.of("type", List.of("integer", "string"), "minimum", 0, "maximum", Version.MAX,
                "description", description), new Rule(mandatory, 0, null));
    }

    InputSchema versions(String name, String description) {
        return property(name, Map.of("type", "array", "items", Map.of("type", List.of("integer", "string"),
                "minimum", 0, "maximum", Version.MAX), "description", description), new Rule(false, 0, null));
    }

    InputSchema bool(String name, String description) {
        return property(name, Map.of("type", "boolean", "description", description), new Rule(false, 0, null));
    }

    InputSchema string(String name, String description, boolean mandatory, int maxLength) {
        return property(name, Map.of("type", "string", "maxLength", maxLength, "description", description),
                new Rule(mandatory, maxLength, null));
    }

    /** A closed set of values. */
    InputSchema choice(String name, String description, List<String> values) {
        return property(name, Map.of("type", "string", "enum", values, "description", description),
                new Rule(false, 0, List.copyOf(values)));
    }

    private InputSchema property(String name, Map<String, Object> schema, Rule rule) {
        properties.put(name, schema);
        rules.put(name, rule);
        if (rule.required()) {
            required.add(name);
        }
        return this;
    }

    Set<String> names() {
        return properties.keySet();
    }

    Rule rule(String name) {
        Rule rule = rules.get(name);
        if (rule == null) {
            throw new IllegalArgumentException("no argument " + name + " in this schema");
        }
        return rule;
    }

    Map<String, Object> toMap() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }
}
