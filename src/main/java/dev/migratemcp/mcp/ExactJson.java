package dev.migratemcp.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How incoming MCP messages are read, by {@link JsonRpcGate} and by the SDK alike: a JSON number with a decimal
 * point or exponent becomes a {@link java.math.BigDecimal} holding exactly what was sent, not a double. As a double,
 * {@code 3.0000000000000001} is 3 and passes as a whole number; read exactly it is the fraction it is, and an
 * argument that must be whole refuses it by name.
 */
final class ExactJson {

    /**
     * For the gate's look at each message, and its re-serialised copy that the SDK then reads: the SDK's default (a
     * default {@code JsonMapper}, as {@code JsonMapper.shared()} is) with exact decimals. One mapper serves both, since
     * each built on a cold JVM costs tens of milliseconds of an MCP client's wait for {@code initialize}, and each fills
     * its own caches.
     */
    static final JsonMapper TREES = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** The SDK's mapper: {@link #TREES}'s, behind the SDK's interface. */
    static final McpJsonMapper SDK = new JacksonMcpJsonMapper(TREES);

    private ExactJson() {
    }
}
