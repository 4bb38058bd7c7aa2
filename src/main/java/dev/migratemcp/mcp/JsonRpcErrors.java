package dev.migratemcp.mcp;

import dev.migratemcp.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON-RPC error codes the MCP specification uses, and the one way this server writes an error reply: built by the
 * JSON serialiser, never by string concatenation, and never with a stack trace or a large echo of the client's input.
 */
final class JsonRpcErrors {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** MCP: a resource URI that names nothing. */
    static final int RESOURCE_NOT_FOUND = -32002;
    /** Implementation-defined server error (JSON-RPC reserves -32000 to -32099): refusals, too many sessions. */
    static final int SERVER_ERROR = -32000;

    /** How much of a client's value an error message may quote. */
    private static final int MAX_QUOTE = 60;

    private JsonRpcErrors() {
    }

    /** A complete JSON-RPC error response; {@code id} null when the request's id could not be read. */
    static String reply(Object id, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("jsonrpc", "2.0");
        reply.put("id", id);
        reply.put("error", error);
        return Json.compact(reply);
    }

    /** A value from the client, quoted for a message: short ones whole, long ones cut with their length said. */
    static String quote(String value) {
        if (value.length() <= MAX_QUOTE) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, MAX_QUOTE) + "...' (" + value.length() + " characters)";
    }
}
