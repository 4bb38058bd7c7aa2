package dev.migratemcp.mcp;

import dev.migratemcp.json.Json;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Makes every error the HTTP transports send a JSON-RPC error body. The SDK's servlets write their errors by
 * serialising a Java exception (its stack trace included) and Jetty writes HTML pages; here an error status switches
 * the response into capture mode, and {@link #finish} replaces what was written with {@code {"jsonrpc": "2.0",
 * "id": null, "error": {code, message}}}, keeping the status and the SDK's message.
 */
final class JsonRpcErrorResponse extends HttpServletResponseWrapper {

    private static final int MAX_MESSAGE = 300;

    private final HttpServletResponse response;
    private ByteArrayOutputStream captured;
    private PrintWriter capturedWriter;
    private Object id;

    JsonRpcErrorResponse(HttpServletResponse response) {
        super(response);
        this.response = response;
    }

    /** The id of the request being answered, if known, for errors that concern it. */
    void answering(Object id) {
        this.id = id;
    }

    /** Answers now with an error of this status and message. */
    void refuse(int status, String message) throws IOException {
        write(status, JsonRpcErrors.reply(id, codeFor(status), message));
    }

    /** Answers now with this JSON body. */
    void write(int status, String json) throws IOException {
        captured = null;
        capturedWriter = null;
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    @Override
    public void setStatus(int sc) {
        super.setStatus(sc);
        if (sc >= 400 && captured == null) {
            captured = new ByteArrayOutputStream();
        }
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        refuse(sc, msg == null || msg.isBlank() ? reason(sc) : clip(msg));
    }

    @Override
    public void sendError(int sc) throws IOException {
        refuse(sc, reason(sc));
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (captured == null) {
            return super.getOutputStream();
        }
        return new ServletOutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("error bodies are written at once");
            }
        };
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (captured == null) {
            return super.getWriter();
        }
        if (capturedWriter == null) {
            capturedWriter = new PrintWriter(new OutputStreamWriter(captured, StandardCharsets.UTF_8));
        }
        return capturedWriter;
    }

    @Override
    public void setContentLength(int len) {
        if (captured == null) {
            super.setContentLength(len);
        }
    }

    @Override
    public void setContentLengthLong(long len) {
        if (captured == null) {
            super.setContentLengthLong(len);
        }
    }

    /** Replaces a captured error body with its JSON-RPC form; does nothing for other responses. */
    void finish() throws IOException {
        if (captured == null || response.isCommitted()) {
            return;
        }
        if (capturedWriter != null) {
            capturedWriter.flush();
        }
        int status = response.getStatus();
        refuse(status, messageOf(captured.toString(StandardCharsets.UTF_8), status));
    }

    /** The message of what the SDK wrote: an McpError's JSON-RPC message, a JSON-RPC error's, or plain text. */
    private static String messageOf(String body, int status) {
        if (body.isBlank()) {
            return reason(status);
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            for (String path : new String[]{"/jsonRpcError/message", "/error/message", "/message"}) {
                JsonNode m = node.at(path);
                if (m.isString() && !m.asString().isBlank()) {
                    return clip(m.asString());
                }
            }
        } catch (RuntimeException notJson) {
            return clip(body.strip());
        }
        return reason(status);
    }

    /** Only the first line of a message, cut short: no stack frames and no long echo of the request. */
    private static String clip(String message) {
        String first = message.lines().findFirst().orElse("").strip();
        return first.length() <= MAX_MESSAGE ? first : first.substring(0, MAX_MESSAGE) + "...";
    }

    private static int codeFor(int status) {
        return switch (status) {
            case 400, 404, 405, 406, 411, 413, 415 -> JsonRpcErrors.INVALID_REQUEST;
            case 500 -> JsonRpcErrors.INTERNAL_ERROR;
            default -> JsonRpcErrors.SERVER_ERROR;
        };
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "bad request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 406 -> "not acceptable";
            case 413 -> "request too large";
            case 415 -> "unsupported media type: send Content-Type: application/json";
            case 503 -> "service unavailable";
            default -> "HTTP " + status;
        };
    }
}
