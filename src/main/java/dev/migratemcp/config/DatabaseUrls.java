package dev.migratemcp.config;

import dev.migratemcp.dialect.DatabaseKind;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns the URL forms people write into JDBC settings: JDBC URLs as they are, and the URL style many tools use
 * ({@code sqlite:///relative.db}, {@code sqlite:////absolute.db}, {@code postgresql://user:pass@host:port/db},
 * {@code mysql://user:pass@host:port/db}). Credentials found in the URL are moved out of it into the settings;
 * explicit user and password arguments win over them.
 */
public final class DatabaseUrls {

    private DatabaseUrls() {
    }

    public static ConnectionSettings parse(String url, String user, String password) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the database URL is empty");
        }
        String trimmed = url.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:")) {
            return fromJdbc(trimmed, user, password);
        }
        if (lower.startsWith("sqlite:")) {
            return new ConnectionSettings(DatabaseKind.SQLITE, "jdbc:sqlite:" + sqlitePath(trimmed), user, password);
        }
        int schemeEnd = trimmed.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("not a database URL (expected jdbc:..., sqlite:///file, "
                    + "postgresql://host/db or mysql://host/db): " + Redactor.redactUrl(trimmed));
        }
        String scheme = lower.substring(0, schemeEnd);
        DatabaseKind kind = switch (scheme) {
            case "postgresql", "postgres", "pg" -> DatabaseKind.POSTGRESQL;
            case "mysql", "mariadb" -> DatabaseKind.MYSQL;
            default -> throw new IllegalArgumentException("unsupported database URL scheme '" + scheme
                    + "' (use sqlite, postgresql or mysql)");
        };
        return fromServerUrl(kind, trimmed.substring(schemeEnd + 3), user, password);
    }

    /** {@code sqlite:///x.db} is relative, {@code sqlite:////tmp/x.db} absolute, {@code sqlite://} in memory. */
    private static String sqlitePath(String url) {
        String rest = url.substring("sqlite:".length());
        if (rest.startsWith("///")) {
            rest = rest.substring(3);
        } else if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        return rest.isEmpty() ? ":memory:" : rest;
    }

    private static ConnectionSettings fromJdbc(String url, String user, String password) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            return new ConnectionSettings(DatabaseKind.SQLITE, url, user, password);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new ConnectionSettings(DatabaseKind.POSTGRESQL, url, user, password);
        }
        if (lower.startsWith("jdbc:mysql:")) {
            return new ConnectionSettings(DatabaseKind.MYSQL, url, user, password);
        }
        if (lower.startsWith("jdbc:mariadb:")) {
            // we ship MySQL Connector/J, which speaks to MariaDB too
            return new ConnectionSettings(DatabaseKind.MYSQL, "jdbc:mysql:" + url.substring("jdbc:mariadb:".length()),
                    user, password);
        }
        throw new IllegalArgumentException("unsupported JDBC URL (use jdbc:sqlite:, jdbc:postgresql: or jdbc:mysql:): "
                + Redactor.redactUrl(url));
    }

    private static ConnectionSettings fromServerUrl(DatabaseKind kind, String rest, String user, String password) {
        URI uri;
        try {
            uri = new URI("db://" + rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed database URL: " + Redactor.redactUrl(e.getInput()));
        }
        String urlUser = null;
        String urlPassword = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            urlUser = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            urlPassword = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the database URL has no host: " + Redactor.redactUrl(rest));
        }
        String host = uri.getHost();
        int port = uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery();
        String jdbcScheme = kind == DatabaseKind.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mysql://";
        String jdbc = jdbcScheme + host + (port > 0 ? ":" + port : "") + path + (query == null ? "" : "?" + query);
        return new ConnectionSettings(kind, jdbc, user != null ? user : urlUser,
                password != null ? password : urlPassword);
    }

    private static String decode(String s) {
        // URLDecoder is made for forms and would turn '+' into a space; in a URL's user-info '+' is itself
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
