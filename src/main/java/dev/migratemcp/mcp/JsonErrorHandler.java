package dev.migratemcp.mcp;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty's own errors (a request it cannot parse, one that reaches no servlet) as JSON-RPC error bodies, never an
 * HTML page or a stack trace: the same shape every other error of the HTTP transports has.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String text = code == 404 ? "not found: the MCP endpoints are /mcp (Streamable HTTP) and /sse (SSE)"
                : "HTTP " + code;
        byte[] body = JsonRpcErrors.reply(null, code >= 500 ? JsonRpcErrors.INTERNAL_ERROR
                : JsonRpcErrors.INVALID_REQUEST, text).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, org.eclipse.jetty.http.HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(JsonRpcErrors.reply(null, JsonRpcErrors.INVALID_REQUEST, "bad request: HTTP " + status)
                .getBytes(StandardCharsets.UTF_8));
    }
}
