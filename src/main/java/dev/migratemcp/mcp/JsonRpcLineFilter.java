package dev.migratemcp.mcp;

import dev.migratemcp.json.Json;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stands between stdin and the SDK's stdio transport and passes on only lines that are JSON-RPC messages. The
 * transport ends the whole session on a line it cannot read; here a malformed line gets a JSON-RPC error of its own
 * (parse error, or invalid request) and the session goes on.
 *
 * <p>Errors are written to the same stream the transport writes to, holding that stream's lock as the transport
 * does, so the two never interleave within a line.
 */
final class JsonRpcLineFilter extends InputStream {

    private static final int MAX_LINE = 16 * 1024 * 1024;

    private final InputStream in;
    private final OutputStream protocol;
    private byte[] pending = new byte[0];
    private int offset;
    private boolean ended;

    JsonRpcLineFilter(InputStream in, OutputStream protocol) {
        this.in = in;
        this.protocol = protocol;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return pending[offset++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, pending.length - offset);
        System.arraycopy(pending, offset, b, off, n);
        offset += n;
        return n;
    }

    /** Makes sure there are bytes of an accepted line to hand out; false at end of input. */
    private boolean fill() throws IOException {
        while (offset >= pending.length) {
            if (ended) {
                return false;
            }
            byte[] line = readLine();
            if (line == null) {
                ended = true;
                return false;
            }
            if (accept(line)) {
                pending = line;
                offset = 0;
            }
        }
        return true;
    }

    /** The next line including its newline, or null at end of input. */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            buf.write(c);
            if (c == '\n') {
                return buf.toByteArray();
            }
            if (buf.size() > MAX_LINE) {
                // drain the rest of an oversized line and refuse it whole
                while ((c = in.read()) >= 0 && c != '\n') {
                    // discard
                }
                reply(null, -32600, "message larger than " + MAX_LINE + " bytes");
                buf.reset();
                if (c < 0) {
                    return null;
                }
            }
        }
        return buf.size() == 0 ? null : buf.toByteArray();
    }

    private boolean accept(byte[] line) throws IOException {
        String text = new String(line, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return false;
        }
        JsonNode message;
        try {
            message = Json.mapper().readTree(text);
        } catch (RuntimeException e) {
            reply(null, -32700, "Parse error: the line is not JSON");
            return false;
        }
        if (message == null || !message.isObject() || !"2.0".equals(message.path("jsonrpc").asString(""))) {
            reply(idOf(message), -32600, "Invalid Request: expected a JSON-RPC 2.0 message object");
            return false;
        }
        boolean request = message.path("method").isString();
        boolean response = message.has("id") && (message.has("result") || message.has("error"));
        if (!request && !response) {
            reply(idOf(message), -32600, "Invalid Request: no method");
            return false;
        }
        return true;
    }

    private static Object idOf(JsonNode message) {
        if (message == null || !message.isObject() || !message.has("id")) {
            return null;
        }
        JsonNode id = message.get("id");
        return id.isNumber() ? id.numberValue() : id.isString() ? id.asString() : null;
    }

    private void reply(Object id, int code, String text) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", text);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("jsonrpc", "2.0");
        reply.put("id", id);
        reply.put("error", error);
        byte[] bytes = (Json.compact(reply) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (protocol) {
            protocol.write(bytes);
            protocol.flush();
        }
    }
}
