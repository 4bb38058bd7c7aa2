package dev.migratemcp.config;

import dev.migratemcp.dialect.DatabaseKind;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns the URL forms people write into JDBC settings: JDBC URLs, and the URL style many tools use
 * ({@code sqlite:///relative.db}, {@code sqlite:////absolute.db}, {@code postgresql://user:pass@host:port/db},
 * {@code mysql://user:pass@host:port/db}). Credentials written as user-info ({@code user:pass@}), in either form, are
 * moved out of the URL into the settings, so the URL that travels on (to the driver, into messages) holds no password;
 * explicit user and password arguments win over them. No message of this class quotes a password.
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
                    + "postgresql://host/db or mysql://host/db): " + shown(trimmed));
        }
        String scheme = lower.substring(0, schemeEnd);
        DatabaseKind kind = switch (scheme) {
            case "postgresql", "postgres", "pg" -> DatabaseKind.POSTGRESQL;
            case "mysql", "mariadb" -> DatabaseKind.MYSQL;
            default -> throw new IllegalArgumentException("unsupported database URL scheme '"
                    + Redactor.redactUrl(scheme) + "' (use sqlite, postgresql or mysql)");
        };
        String prefix = kind == DatabaseKind.POSTGRESQL ? "jdbc:postgresql:" : "jdbc:mysql:";
        return withCredentialsMovedOut(kind, prefix, trimmed.substring(schemeEnd + 1), user, password, true);
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
            return withCredentialsMovedOut(DatabaseKind.POSTGRESQL, "jdbc:postgresql:",
                    url.substring("jdbc:postgresql:".length()), user, password, false);
        }
        for (String prefix : new String[] {"jdbc:mysql:", "jdbc:mariadb:"}) {
            // we ship MySQL Connector/J, which speaks to MariaDB too
            if (lower.startsWith(prefix)) {
                return withCredentialsMovedOut(DatabaseKind.MYSQL, "jdbc:mysql:", url.substring(prefix.length()),
                        user, password, false);
            }
        }
        throw new IllegalArgumentException("unsupported JDBC URL (use jdbc:sqlite:, jdbc:postgresql: or jdbc:mysql:): "
                + shown(url));
    }

    /**
     * {@code rest} is what follows the scheme's colon: {@code //[user[:password]@]host[:port][/db][?query]}. The
     * user-info ends at the last {@code @} of the authority; the host is passed on as it is written (underscores, IPv6
     * brackets and the drivers' host lists included), for the driver to resolve.
     */
    private static ConnectionSettings withCredentialsMovedOut(DatabaseKind kind, String jdbcPrefix, String rest,
                                                              String user, String password, boolean hostRequired) {
        if (!rest.startsWith("//")) {
            if (hostRequired) {
                throw new IllegalArgumentException("malformed database URL (expected //host after the scheme): "
                        + shown(jdbcPrefix + rest));
            }
            return new ConnectionSettings(kind, jdbcPrefix + rest, user, password); // e.g. jdbc:postgresql:dbname
        }
        String afterSlashes = rest.substring(2);
        int authorityEnd = firstOf(afterSlashes, "/?#");
        int at = afterSlashes.lastIndexOf('@', authorityEnd - 1);
        if (at < 0) {
            // a password with an unencoded '/' in it: still user-info, and still to be kept out of the URL
            int candidate = afterSlashes.lastIndexOf('@', firstOf(afterSlashes, "?#") - 1);
            at = candidate > 0 && afterSlashes.substring(0, candidate).contains(":") ? candidate : -1;
        }
        String urlUser = null;
        String urlPassword = null;
        String hostAndRest = afterSlashes;
        if (at >= 0) {
            String userInfo = afterSlashes.substring(0, at);
            int colon = userInfo.indexOf(':');
            urlUser = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
            urlPassword = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password");
            hostAndRest = afterSlashes.substring(at + 1);
        }
        int hostEnd = firstOf(hostAndRest, "/?#");
        if (hostRequired && hostAndRest.substring(0, hostEnd).isBlank()) {
            throw new IllegalArgumentException("the database URL has no host: " + shown(jdbcPrefix + "//"
                    + hostAndRest));
        }
        return new ConnectionSettings(kind, jdbcPrefix + "//" + hostAndRest, user != null ? user : urlUser,
                password != null ? password : urlPassword);
    }

    /** Where the first of {@code chars} is, or the length when none is there. */
    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    private static String decode(String s, String what) {
        try {
            // URLDecoder is made for forms and would turn '+' into a space; in a URL's user-info '+' is itself
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // the decoder's own message quotes the text, which may be the password
            throw new IllegalArgumentException("the " + what + " in the database URL has a malformed %-escape");
        }
    }

    /** A URL as it may appear in a message: user-info and secret parameters masked. */
    private static String shown(String url) {
        return Redactor.redactUrl(url);
    }
}
