package dev.migratemcp.mcp;

import dev.migratemcp.json.Json;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Puts {@link JsonRpcGate} in front of the SDK's HTTP servlets: every message posted to {@code /mcp} (Streamable
 * HTTP) or {@code /message} (SSE) is screened first, and only what the SDK can handle reaches it. Also keeps the
 * number of sessions of both transports under the cap, and withholds the answers to cancelled calls on Streamable
 * HTTP (on SSE, {@link CallAwareTransports} does).
 *
 * <p>An answer the gate gives to a request of a session goes back as HTTP 200 with the JSON-RPC response on
 * Streamable HTTP (a client reads it as the answer to its request); an unreadable message, or a request without a
 * session, gets 400. On SSE the answers normally
 * travel on the event stream, which only the SDK writes, so the gate's answers are the POST's 400 body.
 */
final class JsonRpcHttpFilter implements Filter {

    static final String STREAMABLE = "/mcp";
    static final String SSE_STREAM = "/sse";
    static final String SSE_MESSAGES = "/message";
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final JsonRpcGate gate;
    private final HttpSessions streamable;
    private final SseSessions sse;

    JsonRpcHttpFilter(JsonRpcGate gate, HttpSessions streamable, SseSessions sse) {
        this.gate = gate;
        this.streamable = streamable;
        this.sse = sse;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        JsonRpcErrorResponse response = (JsonRpcErrorResponse) res;
        String path = request.getRequestURI();
        boolean post = request.getMethod().equals("POST");
        if (path.equals(STREAMABLE) && post) {
            postStreamable(request, response, chain);
        } else if (path.equals(STREAMABLE)) {
            String id = request.getHeader(SESSION_HEADER);
            if (id != null) {
                streamable.touch(id);
            }
            chain.doFilter(request, response);
            if (id != null && request.getMethod().equals("DELETE") && response.getStatus() < 400) {
                streamable.remove(id);
                gate.calls().cancelSession(id);
            }
        } else if (path.equals(SSE_MESSAGES) && post) {
            postSse(request, response, chain);
        } else if (path.equals(SSE_STREAM) && request.getMethod().equals("GET")) {
            openSse(request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    private void postStreamable(HttpServletRequest request, JsonRpcErrorResponse response, FilterChain chain)
            throws IOException, ServletException {
        String body = readJsonBody(request, response);
        if (body == null) {
            return;
        }
        String id = request.getHeader(SESSION_HEADER);
        JsonRpcGate.Session session;
        if (id == null) {
            session = new JsonRpcGate.Session("new", false); // only initialize may come without a session
        } else {
            JsonRpcGate.Session known = streamable.touch(id);
            // one this count has forgotten may still be held by the SDK, which answers 404 if not
            session = known != null ? known : new JsonRpcGate.Session(id, true);
        }
        JsonRpcGate.Verdict verdict = gate.screen(body, session);
        if (verdict instanceof JsonRpcGate.Forward forward) {
            boolean initialize = "initialize".equals(forward.method());
            if (initialize && full()) {
                response.write(503, JsonRpcErrors.reply(forward.id(), JsonRpcErrors.SERVER_ERROR, tooMany()));
                return;
            }
            response.answering(forward.id());
            HttpServletResponse answering = response;
            if (McpSchema.METHOD_TOOLS_CALL.equals(forward.method())) {
                // the answer to a cancelled call is withheld, as the specification asks; the stream just ends
                answering = new EventStreamResponse(response,
                        event -> !isResponse(event) || !gate.calls().withholdAnswer(session.key, forward.id()));
            }
            chain.doFilter(new Body(request, forward.json()), answering);
            String created = initialize ? response.getHeader(SESSION_HEADER) : null;
            if (created != null) {
                streamable.add(created);
            } else if (id != null && response.getStatus() < 400 && streamable.touch(id) == null) {
                streamable.add(id);
            }
        } else if (verdict instanceof JsonRpcGate.Answer answer) {
            // without a session, or without an id to answer, the request itself was wrong: 400, as the spec says
            response.write(answer.error() && (id == null || answer.id() == null) ? 400 : 200, answer.json());
        } else {
            response.setStatus(202);
        }
    }

    private void postSse(HttpServletRequest request, JsonRpcErrorResponse response, FilterChain chain)
            throws IOException, ServletException {
        String body = readJsonBody(request, response);
        if (body == null) {
            return;
        }
        String id = queryParameter(request, "sessionId");
        if (id == null) {
            response.refuse(400, "sessionId is required: connect to /sse first and post to the endpoint it names");
            return;
        }
        JsonRpcGate.Session session = sse.touch(id);
        if (session == null) {
            response.refuse(404, "unknown or expired SSE session: connect to " + SSE_STREAM + " again");
            return;
        }
        JsonRpcGate.Verdict verdict = gate.screen(body, session);
        if (verdict instanceof JsonRpcGate.Forward forward) {
            response.answering(forward.id());
            chain.doFilter(new Body(request, forward.json()), response);
        } else if (verdict instanceof JsonRpcGate.Answer answer) {
            response.write(answer.error() ? 400 : 200, answer.json());
        } else {
            response.setStatus(202);
        }
    }

    /**
     * Opens an SSE session, unless the server already holds as many sessions as it may. The SDK names the session
     * only in the endpoint event it writes on the new stream, which is read here on its way out.
     */
    private void openSse(HttpServletRequest request, JsonRpcErrorResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (full()) {
            response.refuse(503, tooMany());
            return;
        }
        String[] named = new String[1];
        boolean[] opened = new boolean[1];
        EventStreamResponse watched = new EventStreamResponse(response, event -> {
            if (named[0] == null && event.startsWith("event: endpoint")) {
                named[0] = queryParameter(EventStreamResponse.data(event), "sessionId");
                // known before the event goes out: a client posts to its endpoint as soon as it reads it, and was
                // told "unknown session" when that post overtook the end of this request's handling
                opened[0] = sse.opened(named[0]);
            }
            return true;
        });
        try {
            chain.doFilter(request, watched);
        } finally {
            if (named[0] == null) {
                sse.opened(null); // a session made without an endpoint event this filter could read is closed
            }
        }
        if (opened[0] && request.isAsyncStarted()) {
            String id = named[0];
            request.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    sse.ended(id);
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                    sse.ended(id);
                }

                @Override
                public void onError(AsyncEvent event) {
                    sse.ended(id);
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                }
            });
        }
    }

    /** Whether a new session, of either transport, would pass the cap they share. */
    private boolean full() {
        return streamable.count() + sse.count() >= streamable.max();
    }

    private String tooMany() {
        return "too many sessions: this server holds at most " + streamable.max() + " (Streamable HTTP and SSE "
                + "together); end unused ones (DELETE /mcp, or close the SSE stream), or wait until idle ones expire";
    }

    /** Whether a server-sent event carries a JSON-RPC response (not a request or notification of the server's). */
    private static boolean isResponse(String event) {
        String data = EventStreamResponse.data(event);
        if (data == null) {
            return false;
        }
        try {
            JsonNode message = Json.mapper().readTree(data);
            return message.isObject() && !message.has("method") && (message.has("result") || message.has("error"));
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    /** The body of a JSON POST, or null once an error has been answered. */
    private static String readJsonBody(HttpServletRequest request, JsonRpcErrorResponse response) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            response.refuse(415, "unsupported media type: send Content-Type: application/json");
            return null;
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            response.refuse(413, "message larger than " + MAX_BODY + " bytes");
            return null;
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        } catch (IOException badFraming) {
            // a broken chunked encoding or a body cut short: the client's message is malformed, not our failure
            response.refuse(400, "the message body could not be read (a broken chunked encoding, or cut short)");
            return null;
        }
        if (bytes.length > MAX_BODY) {
            response.refuse(413, "message larger than " + MAX_BODY + " bytes");
            return null;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** From the query string only: getParameter could read a form body. */
    private static String queryParameter(HttpServletRequest request, String name) {
        return queryParameter(request.getQueryString(), name);
    }

    /** A parameter of a query string, or of a URL with one. */
    private static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        query = query.substring(query.indexOf('?') + 1);
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The request with its body replaced by the screened message. */
    private static final class Body extends HttpServletRequestWrapper {
        private final byte[] bytes;

        Body(HttpServletRequest request, String json) {
            super(request);
            this.bytes = json.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the screened body is read at once");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return bytes.length;
        }

        @Override
        public long getContentLengthLong() {
            return bytes.length;
        }
    }
}
