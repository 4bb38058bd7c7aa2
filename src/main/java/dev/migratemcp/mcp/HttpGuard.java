package dev.migratemcp.mcp;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * The HTTP transports' front door. Only the methods the transports use get in (TRACE would echo the request's
 * headers, token included). A page in the user's browser can reach a server on localhost; checking Host (against DNS
 * rebinding) and Origin (against cross-site requests) keeps such pages out, and an optional bearer token keeps out
 * everyone who does not hold it. Every answer behind the door, refusal or error, is a JSON-RPC error body
 * ({@link JsonRpcErrorResponse}).
 */
final class HttpGuard implements Filter {

    static final Set<String> METHODS = Set.of("GET", "POST", "DELETE");

    private final Set<String> allowedHosts;
    private final OriginPolicy origins;
    private final byte[] expectedToken;

    /**
     * @param allowedHosts   host names (no port) a request's Host header may name, lower case
     * @param origins        which browser origins may call
     * @param token          the bearer token every request must carry, or null for none
     */
    HttpGuard(Set<String> allowedHosts, OriginPolicy origins, String token) {
        this.allowedHosts = allowedHosts;
        this.origins = origins;
        this.expectedToken = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        JsonRpcErrorResponse response = new JsonRpcErrorResponse((HttpServletResponse) res);
        if (!METHODS.contains(request.getMethod())) {
            response.setHeader("Allow", String.join(", ", METHODS.stream().sorted().toList()));
            refuseAndClose(response, 405, "method " + JsonRpcErrors.quote(request.getMethod()) + " is not allowed; the MCP "
                    + "transports use GET, POST and DELETE");
            return;
        }
        String host = hostName(request.getHeader("Host"));
        if (host == null || !allowedHosts.contains(host)) {
            refuseAndClose(response, 421, "the Host header names a host this server does not answer for");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origins.allows(origin)) {
            refuseAndClose(response, 403, "requests from origin " + JsonRpcErrors.quote(origin) + " are not allowed");
            return;
        }
        if (expectedToken != null && !authorized(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"migrate-mcp\"");
            refuseAndClose(response, 401, "a valid bearer token is required (Authorization: Bearer <token>)");
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.refuse(500, "the request could not be handled; the server is still running");
        }
        response.finish();
    }

    /**
     * A refusal at the door leaves the request's body unread. Jetty then closes the connection once the answer is
     * out when the body had not all arrived, which a client that pooled the connection learns only on its next
     * request ("received no bytes"). Saying so in the answer makes every client open a new connection instead.
     */
    private static void refuseAndClose(JsonRpcErrorResponse response, int status, String message) throws IOException {
        response.setHeader("Connection", "close");
        response.refuse(status, message);
    }

    /** "Bearer" in any case (RFC 7235 schemes are case-insensitive), then the token, compared in constant time. */
    private boolean authorized(String header) {
        if (header == null) {
            return false;
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            return false;
        }
        byte[] given = value.substring(space + 1).strip().getBytes(StandardCharsets.UTF_8);
        // constant-time comparison: the time taken must not tell how much of a guess was right
        return MessageDigest.isEqual(given, expectedToken);
    }

    /** The host part of a Host header: "127.0.0.1:3000" -> "127.0.0.1", "[::1]:3000" -> "::1". */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
