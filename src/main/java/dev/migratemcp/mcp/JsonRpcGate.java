package dev.migratemcp.mcp;

import dev.migratemcp.json.Json;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Screens every incoming JSON-RPC message before the SDK sees it, on every transport. The SDK ends a stdio session on
 * a message it cannot read, holds requests sent before initialisation, answers wrongly shaped params with -32603 and
 * Jackson's class names, and ignores {@code notifications/cancelled}; here each of those gets the answer the
 * JSON-RPC and MCP specifications ask for, and only messages the SDK can handle are passed on, as re-serialised JSON
 * (so it reads exactly what was checked).
 */
final class JsonRpcGate {

    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcGate.class);

    /** What to do with one message. */
    sealed interface Verdict permits Forward, Answer, Drop {
    }

    /** Hand this text to the SDK; {@code method} null for a response, {@code id} null for a notification. */
    record Forward(String json, String method, Object id) implements Verdict {
    }

    /** Answer the client with this JSON-RPC response instead; {@code id} is the request's, or null. */
    record Answer(Object id, String json, boolean error) implements Verdict {
    }

    /** Nothing to pass on and nothing to answer (a notification, handled or malformed). */
    record Drop() implements Verdict {
    }

    /** What the gate knows of one client session. */
    static final class Session {
        final String key;
        private volatile boolean initializeSeen;
        private volatile boolean initialized;

        /** @param established the transport created the session at initialize (Streamable HTTP) */
        Session(String key, boolean established) {
            this.key = key;
            this.initializeSeen = established;
            this.initialized = established;
        }
    }

    private final Set<String> offeredTools;
    private final Set<String> withheldTools;
    private final RunningCalls calls;

    /**
     * @param offeredTools  the tools this server serves
     * @param withheldTools tools that exist but are not served (write tools under {@code --read-only})
     */
    JsonRpcGate(Set<String> offeredTools, Set<String> withheldTools, RunningCalls calls) {
        this.offeredTools = new TreeSet<>(offeredTools);
        this.withheldTools = Set.copyOf(withheldTools);
        this.calls = calls;
    }

    RunningCalls calls() {
        return calls;
    }

    Verdict screen(String text, Session session) {
        String trimmed = stripJsonWhitespace(text);
        if (trimmed.isEmpty()) {
            return answer(null, JsonRpcErrors.PARSE_ERROR, "Parse error: the message is empty");
        }
        JsonNode message;
        try {
            message = ExactJson.TREES.readTree(trimmed);
        } catch (RuntimeException e) {
            return answer(null, JsonRpcErrors.PARSE_ERROR, "Parse error: the message is not valid JSON");
        }
        if (message == null || message.isArray()) {
            return answer(null, JsonRpcErrors.INVALID_REQUEST,
                    "Invalid Request: batches are not supported; send one JSON-RPC message object at a time");
        }
        if (!message.isObject()) {
            return answer(null, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: expected a JSON-RPC message object");
        }
        Object id = null;
        if (message.has("id")) {
            id = idOf(message.get("id"));
            if (id == null) {
                return answer(null, JsonRpcErrors.INVALID_REQUEST,
                        "Invalid Request: id must be a string or an integer (MCP does not allow null)");
            }
        }
        JsonNode version = message.path("jsonrpc");
        if (!version.isString() || !version.asString().equals("2.0")) {
            return answer(id, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
        }
        if (!message.has("method")) {
            return screenResponse((ObjectNode) message, id);
        }
        JsonNode method = message.get("method");
        if (!method.isString() || method.asString().isEmpty() || message.has("result") || message.has("error")) {
            return id == null ? drop("a notification without a usable method")
                    : answer(id, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: method must be a non-empty string");
        }
        JsonNode params = message.get("params");
        if (params != null && !params.isObject()) {
            return id == null ? drop("notification " + method.asString() + " with params that are not an object")
                    : answer(id, JsonRpcErrors.INVALID_PARAMS, "Invalid params: params of " + method.asString()
                    + " must be an object");
        }
        ObjectNode object = (ObjectNode) message;
        return id == null ? screenNotification(object, method.asString(), session)
                : screenRequest(object, id, method.asString(), session);
    }

    private Verdict screenResponse(ObjectNode message, Object id) {
        if (id == null || message.has("result") == message.has("error")) {
            return answer(null, JsonRpcErrors.INVALID_REQUEST,
                    "Invalid Request: a message needs a method (request or notification), or an id with exactly one "
                            + "of result and error (response)");
        }
        return forward(message, id);
    }

    private Verdict screenNotification(ObjectNode message, String method, Session session) {
        switch (method) {
            case McpSchema.METHOD_NOTIFICATION_INITIALIZED -> {
                if (!session.initializeSeen) {
                    return drop("notifications/initialized before initialize");
                }
                session.initialized = true;
            }
            case "notifications/cancelled" -> {
                Object requestId = idOf(message.path("params").path("requestId"));
                if (requestId != null) {
                    calls.cancel(session.key, requestId);
                }
                return new Drop(); // handled here: the SDK has no use for it
            }
            default -> {
                if (!session.initialized) {
                    return drop(method + " before initialisation");
                }
            }
        }
        return forward(message, null);
    }

    private Verdict screenRequest(ObjectNode message, Object id, String method, Session session) {
        JsonNode params = message.path("params");
        if (method.equals(McpSchema.METHOD_INITIALIZE)) {
            if (session.initializeSeen) {
                return answer(id, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: this session is already "
                        + "initialized; start a new session to initialize again");
            }
            String problem = firstProblem(params, "protocolVersion", "clientInfo", "capabilities");
            if (problem != null) {
                return answer(id, JsonRpcErrors.INVALID_PARAMS, "Invalid params for initialize: " + problem);
            }
            session.initializeSeen = true;
            return forward(message, id);
        }
        if (!session.initialized) {
            if (method.equals(McpSchema.METHOD_PING)) {
                // the one request the specification allows before initialisation; the SDK would hold it
                Map<String, Object> pong = new LinkedHashMap<>();
                pong.put("jsonrpc", "2.0");
                pong.put("id", id);
                pong.put("result", Map.of());
                return new Answer(id, Json.compact(pong), false);
            }
            return answer(id, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: the session is not initialized; "
                    + "send initialize and then notifications/initialized before " + method);
        }
        String problem = switch (method) {
            case McpSchema.METHOD_TOOLS_CALL -> toolProblem(params);
            case McpSchema.METHOD_RESOURCES_READ, McpSchema.METHOD_RESOURCES_SUBSCRIBE,
                 McpSchema.METHOD_RESOURCES_UNSUBSCRIBE -> requiredString(params, "uri");
            case McpSchema.METHOD_PROMPT_GET -> requiredString(params, "name");
            case McpSchema.METHOD_LOGGING_SET_LEVEL -> requiredString(params, "level");
            case McpSchema.METHOD_TOOLS_LIST, McpSchema.METHOD_RESOURCES_LIST, McpSchema.METHOD_PROMPT_LIST,
                 McpSchema.METHOD_RESOURCES_TEMPLATES_LIST -> optionalString(params, "cursor");
            default -> null;
        };
        if (problem == null && params.has("arguments") && !params.get("arguments").isObject()) {
            problem = "arguments must be an object";
        }
        if (problem == null && params.has("_meta") && !params.get("_meta").isObject()) {
            problem = "_meta must be an object";
        }
        if (problem != null) {
            return answer(id, JsonRpcErrors.INVALID_PARAMS, "Invalid params for " + method + ": " + problem);
        }
        if (method.equals(McpSchema.METHOD_TOOLS_CALL)) {
            ObjectNode p = (ObjectNode) params;
            ObjectNode meta = p.has("_meta") ? (ObjectNode) p.get("_meta") : p.putObject("_meta");
            meta.put(RunningCalls.META_KEY, calls.begin(session.key, id));
        }
        return forward(message, id);
    }

    private String toolProblem(JsonNode params) {
        String problem = requiredString(params, "name");
        if (problem != null) {
            return problem;
        }
        String name = params.get("name").asString();
        if (offeredTools.contains(name)) {
            return null;
        }
        if (withheldTools.contains(name)) {
            return "tool '" + name + "' is not offered because the server runs with --read-only; the tools are: "
                    + String.join(", ", offeredTools);
        }
        return "unknown tool " + JsonRpcErrors.quote(name) + "; the tools are: " + String.join(", ", offeredTools);
    }

    private static String firstProblem(JsonNode params, String stringField, String... objectFields) {
        String problem = requiredString(params, stringField);
        for (int i = 0; problem == null && i < objectFields.length; i++) {
            if (!params.path(objectFields[i]).isObject()) {
                problem = objectFields[i] + " must be an object";
            }
        }
        return problem;
    }

    private static String requiredString(JsonNode params, String field) {
        return params.path(field).isString() && !params.get(field).asString().isEmpty() ? null
                : field + " is required and must be a non-empty string";
    }

    private static String optionalString(JsonNode params, String field) {
        return !params.has(field) || params.get(field).isString() ? null : field + " must be a string";
    }

    /**
     * Re-serialises the message and makes sure the SDK can read it; what it cannot read would end its stdio session,
     * so it is refused here instead.
     */
    private Verdict forward(ObjectNode message, Object id) {
        String json = Json.compact(message);
        try {
            McpSchema.deserializeJsonRpcMessage(ExactJson.SDK, json);
        } catch (Exception e) {
            LOG.debug("message the SDK cannot read: {}", e.getMessage());
            if (id == null || message.has("result") || message.has("error")) {
                return drop("a message the SDK cannot read");
            }
            return answer(id, JsonRpcErrors.INVALID_PARAMS, "Invalid params: the message does not have the shape "
                    + message.get("method").asString() + " expects");
        }
        return new Forward(json, message.path("method").isString() ? message.get("method").asString() : null, id);
    }

    private static Answer answer(Object id, int code, String message) {
        return new Answer(id, JsonRpcErrors.reply(id, code, message), true);
    }

    private static Drop drop(String what) {
        LOG.warn("dropped {}", what);
        return new Drop();
    }

    /** A valid id as the SDK would see it (String or Long), or null for one MCP does not allow. */
    static Object idOf(JsonNode id) {
        if (id == null) {
            return null;
        }
        if (id.isString()) {
            return id.asString();
        }
        if (id.isIntegralNumber() && id.canConvertToLong()) {
            return id.longValue();
        }
        return null;
    }

    /** JSON allows only space, tab, CR and LF around a value; Java's trim would also eat NUL and other controls. */
    private static String stripJsonWhitespace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isJsonWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && isJsonWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isJsonWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
