package dev.migratemcp.backup;

import dev.migratemcp.config.ConnectionSettings;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a server database is, as its client tools want it: host, port, database, user, password and, for
 * PostgreSQL, the schema the JDBC URL selects.
 */
record ServerAddress(String host, int port, String database, String user, String password, String schema) {

    static ServerAddress of(ConnectionSettings settings, int defaultPort) {
        String url = settings.jdbcUrl();
        String rest = url.substring(url.indexOf("//") + 2);
        int q = rest.indexOf('?');
        Map<String, String> params = new HashMap<>();
        if (q >= 0) {
            for (String p : rest.substring(q + 1).split("&")) {
                int eq = p.indexOf('=');
                if (eq > 0) {
                    params.put(p.substring(0, eq).toLowerCase(java.util.Locale.ROOT),
                            URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "" : rest.substring(slash + 1);
        String host = hostPort;
        int port = defaultPort;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            port = Integer.parseInt(hostPort.substring(colon + 1));
        }
        String user = settings.user() != null ? settings.user() : params.get("user");
        String password = settings.password() != null ? settings.password() : params.get("password");
        return new ServerAddress(host.isEmpty() ? "localhost" : host, port, database, user, password,
                params.get("currentschema"));
    }
}
