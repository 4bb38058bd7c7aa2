package dev.migratemcp.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * A password fed through every way of giving one (JDBC {@code ?password=}, JDBC user-info, the short
 * {@code postgresql://} and {@code mysql://} forms, {@code --password}, the environment), against every way a
 * connection fails (refused, authentication, a host that does not resolve, an unknown database, a malformed URL),
 * for tests that then search every output for the password.
 */
public final class LeakyUrls {

    public static final String PASSWORD = "Pw-s3cret-9183";

    /** How the password is given. */
    public enum Spelling { JDBC_PARAMETER, JDBC_USER_INFO, SHORT_FORM, PASSWORD_OPTION, ENVIRONMENT }

    /** One server address that fails in one way. */
    public record Failure(String name, String scheme, String host, String port, String database, String user) {
    }

    /** One attempt: the command line options, and the environment, that carry the password. */
    public record Attempt(String label, List<String> options, String envPassword) {
    }

    public static List<Failure> failures() {
        return List.of(
                new Failure("connection refused", "postgresql", "127.0.0.1", "1", "test", "postgres"),
                new Failure("authentication failed", "mysql", "127.0.0.1", "3306", "test", "root"),
                new Failure("bad host", "postgresql", "db_primary", "5432", "test", "postgres"),
                new Failure("bad host", "mysql", "db_primary", "3306", "test", "root"),
                new Failure("unknown database", "postgresql", "127.0.0.1", "5432", "mm_no_such_db_91", "postgres"),
                new Failure("unknown database", "mysql", "127.0.0.1", "3306", "mm_no_such_db_91", "root"),
                new Failure("bad URL", "postgresql", "127.0.0.1", "port", "test", "postgres"),
                new Failure("bad URL", "mysql", "127.0.0.1", "port", "test", "root"));
    }

    public static Attempt attempt(Failure f, Spelling spelling) {
        String address = f.host() + ":" + f.port() + "/" + f.database();
        String label = f.name() + " on " + f.scheme() + ", " + spelling;
        return switch (spelling) {
            case JDBC_PARAMETER -> new Attempt(label, List.of("--url", "jdbc:" + f.scheme() + "://" + address
                    + "?user=" + f.user() + "&password=" + PASSWORD), null);
            case JDBC_USER_INFO -> new Attempt(label, List.of("--url", "jdbc:" + f.scheme() + "://" + f.user() + ":"
                    + PASSWORD + "@" + address), null);
            case SHORT_FORM -> new Attempt(label, List.of("--url", f.scheme() + "://" + f.user() + ":" + PASSWORD
                    + "@" + address), null);
            case PASSWORD_OPTION -> new Attempt(label, List.of("--url", "jdbc:" + f.scheme() + "://" + address
                    + "?user=" + f.user(), "--password", PASSWORD), null);
            case ENVIRONMENT -> new Attempt(label, List.of("--url", f.scheme() + "://" + f.user() + "@" + address),
                    PASSWORD);
        };
    }

    public static List<Attempt> all(boolean withEnvironment) {
        List<Attempt> out = new ArrayList<>();
        for (Failure f : failures()) {
            for (Spelling s : Spelling.values()) {
                if (s != Spelling.ENVIRONMENT || withEnvironment) {
                    out.add(attempt(f, s));
                }
            }
        }
        return out;
    }

    private LeakyUrls() {
    }
}
