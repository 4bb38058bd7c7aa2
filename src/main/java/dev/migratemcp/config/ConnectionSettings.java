package dev.migratemcp.config;

import dev.migratemcp.dialect.DatabaseKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything needed to reach one database: its kind, a JDBC URL without credentials in user-info form, and the
 * credentials kept apart so they never travel inside a string that might be printed.
 */
public record ConnectionSettings(DatabaseKind kind, String jdbcUrl, String user, String password) {

    /** The URL as it may be shown to a person or a model: secrets masked. */
    public String redactedUrl() {
        return Redactor.redactUrl(jdbcUrl);
    }

    /** A redactor that masks this connection's password, and any secret the URL holds, wherever they appear. */
    public Redactor redactor() {
        List<String> secrets = new ArrayList<>(Redactor.secretParameters(jdbcUrl));
        secrets.add(password);
        return Redactor.forSecrets(secrets.toArray(String[]::new));
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + kind + ", " + redactedUrl() + ", user=" + user + "]";
    }
}
