package dev.migratemcp.json;

import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON form of every report: snake_case names, ISO-8601 timestamps, nulls kept so every result of a verb has
 * the same shape. The CLI's {@code --json} and the MCP tools' structured content both come from here.
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /**
     * The same mapper writing on one line: a writer shares the mapper's serializers, where a second mapper would
     * build its own (tens of milliseconds on a cold JVM, at every MCP server's start).
     */
    private static final ObjectWriter COMPACT = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static String pretty(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static String compact(Object value) {
        return COMPACT.writeValueAsString(value);
    }
}
