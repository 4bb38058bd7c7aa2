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
 * The HTTP transports' front door. A page in the user's browser can reach a server on localhost; checking Host
 * (against DNS rebinding) and Origin (against cross-site requests) keeps such pages out, and an optional bearer token
 * keeps out everyone who does not hold it.
 */
final class HttpGuard implements Filter {

    private final Set<String> allowedHosts;
    private final OriginPolicy origins;
    private final byte[] expectedAuthorization;

    /**
     * @param allowedHosts   host names (no port) a request's Host header may name, lower case
     * @param origins        which browser origins may call
     * @param token          the bearer token every request must carry, or null for none
     */
    HttpGuard(Set<String> allowedHosts, OriginPolicy origins, String token) {
        this.allowedHosts = allowedHosts;
        this.origins = origins;
        this.expectedAuthorization = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String host = hostName(request.getHeader("Host"));
        if (host == null || !allowedHosts.contains(host)) {
            refuse(response, 421, "host_not_allowed", "the Host header names a host this server does not answer for");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origins.allows(origin)) {
            refuse(response, 403, "origin_not_allowed", "requests from origin " + origin + " are not allowed");
            return;
        }
        if (expectedAuthorization != null) {
            String auth = request.getHeader("Authorization");
            byte[] given = auth == null ? new byte[0] : auth.getBytes(StandardCharsets.UTF_8);
            // constant-time comparison: the time taken must not tell how much of a guess was right
            if (!MessageDigest.isEqual(given, expectedAuthorization)) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"migrate-mcp\"");
                refuse(response, 401, "unauthorized", "a valid bearer token is required");
                return;
            }
        }
        chain.doFilter(req, res);
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

    private static void refuse(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }
}
