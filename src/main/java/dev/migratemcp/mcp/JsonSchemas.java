package dev.migratemcp.mcp;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output schemas made from the report records themselves, so a tool's declared {@code outputSchema} can never drift
 * from the JSON it returns: the same snake_case names, lists as arrays. Every conversation pays for the tool list, so
 * the schemas are compact: the report's fields with their types, and for lists of records the names of the records'
 * fields (whose values are not constrained further; the descriptions name what matters in single nested records).
 * A tool answers either its report or {@code {"error": {...}}}, and clients validate both against the schema, so
 * no field is required and {@code error} is one of the fields.
 */
final class JsonSchemas {

    private JsonSchemas() {
    }

    static Map<String, Object> of(Class<? extends Record> type) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            properties.put(snakeCase(c.getName()), schemaOf(c.getGenericType(), true));
        }
        // a report with an error text of its own (repair's: what the failed migration hit) shares the name with the
        // error object of a failed call; the schema must accept both, or validating clients refuse every such report
        properties.merge("error", ERROR, (own, error) -> Map.of("type", List.of("object", "string", "null")));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        return schema;
    }

    /**
     * As {@link #of}, with lists as bare arrays: for a report whose lists hold records of many fields that explain
     * themselves in the answer (the schema snapshot), where naming them all would cost every conversation more than
     * it tells.
     */
    static Map<String, Object> shallow(Class<? extends Record> type) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            properties.put(snakeCase(c.getName()), schemaOf(c.getGenericType(), false));
        }
        properties.put("error", ERROR);
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        return schema;
    }

    private static final Map<String, Object> ANY = Map.of();
    /** {code, message, hint, details}: the same on every tool, so named once, in the server's instructions. */
    private static final Map<String, Object> ERROR = Map.of("type", "object");

    /** A nested record: its field names, their values unconstrained. */
    private static Map<String, Object> fieldNames(Class<?> type) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            properties.put(snakeCase(c.getName()), ANY);
        }
        return properties;
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

    /** @param top a field of the report itself (typed), rather than of a record nested in it (named only) */
    private static Map<String, Object> schemaOf(Type type, boolean top) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                Type item = p.getActualTypeArguments()[0];
                return item instanceof Class<?> c && c.isRecord() && top
                        ? Map.of("type", "array", "items", Map.of("type", "object", "properties", fieldNames(c)))
                        : Map.of("type", "array");
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", List.of("object", "null"));
            }
            return ANY;
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
        if (c == String.class || c == Instant.class) {
            return Map.of("type", List.of("string", "null"));
        }
        if (c.isRecord()) {
            return Map.of("type", List.of("object", "null"));
        }
        return ANY; // anything: details maps and the like
    }
}
