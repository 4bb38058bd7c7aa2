package dev.migratemcp.mcp;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output schemas made from the report records themselves, so a tool's declared {@code outputSchema} can never drift
 * from the JSON it returns: same snake_case names, every field present (nulls included), lists as arrays. A tool
 * answers either its report or {@code {"error": {...}}}, and clients validate both against the schema, so the schema
 * admits exactly those two shapes.
 */
final class JsonSchemas {

    private JsonSchemas() {
    }

    static Map<String, Object> of(Class<? extends Record> type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("anyOf", List.of(objectSchema(type), ERROR));
        return schema;
    }

    private static final Map<String, Object> ERROR = Map.of(
            "type", "object",
            "properties", Map.of("error", Map.of(
                    "type", "object",
                    "properties", Map.of(
                            "code", Map.of("type", "string"),
                            "message", Map.of("type", "string"),
                            "hint", Map.of("type", List.of("string", "null")),
                            "details", Map.of("type", "object")),
                    "required", List.of("code", "message"))),
            "required", List.of("error"));

    private static Map<String, Object> objectSchema(Class<?> type) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String name = snakeCase(c.getName());
            properties.put(name, schemaOf(c.getGenericType()));
            required.add(name);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        return schema;
    }

    /** As Jackson's SNAKE_CASE writes record names: executionMs -> execution_ms. */
    static String snakeCase(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                sb.append('_').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static Map<String, Object> schemaOf(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", schemaOf(p.getActualTypeArguments()[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", List.of("object", "null"),
                        "additionalProperties", schemaOf(p.getActualTypeArguments()[1]));
            }
            return Map.of();
        }
        Class<?> c = (Class<?>) type;
        if (c == long.class || c == int.class) {
            return Map.of("type", "integer");
        }
        if (c == Long.class || c == Integer.class) {
            return Map.of("type", List.of("integer", "null"));
        }
        if (c == boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == Boolean.class) {
            return Map.of("type", List.of("boolean", "null"));
        }
        if (c == String.class) {
            return Map.of("type", List.of("string", "null"));
        }
        if (c == Instant.class) {
            return Map.of("type", List.of("string", "null"), "format", "date-time");
        }
        if (c.isRecord()) {
            Map<String, Object> object = objectSchema(c);
            object.put("type", List.of("object", "null"));
            return object;
        }
        return Map.of(); // anything: details maps and the like
    }
}
