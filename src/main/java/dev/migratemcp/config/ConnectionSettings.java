package dev.migratemcp.config;

import dev.migratemcp.dialect.DatabaseKind;

/**
 * Everything needed to reach one database: its kind, a JDBC URL without credentials in user-info form, and the
 * credentials kept apart so they never travel inside a string that might be printed.
 */
public record ConnectionSettings(DatabaseKind kind, String jdbcUrl, String user, String password) {

    /** The URL as it may be shown to a person or a model: secrets masked. */
    public String redactedUrl() {
        return Redactor.redactUrl(jdbcUrl);
    }

    /** A redactor that masks this connection's password wherever it might appear. */
    public Redactor redactor() {
        return Redactor.forSecrets(password);
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + kind + ", " + redactedUrl() + ", user=" + user + "]";
    }
}
