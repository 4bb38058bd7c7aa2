package dev.migratemcp.dialect;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The database families we support. MariaDB is served by {@link #MYSQL}: same protocol, same SQL for our purposes. */
public enum DatabaseKind {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql", "postgres", "pg"),
    MYSQL("mysql", "mariadb");

    private final String id;
    private final String[] aliases;

    DatabaseKind(String id, String... aliases) {
        this.id = id;
        this.aliases = aliases;
    }

    /** The name used in migration files ({@code -- migrate:up dialect=postgresql}) and in JSON output. */
    public String id() {
        return id;
    }

    /** Reads a dialect name as written by a person: the id or one of its aliases, any case. */
    public static Optional<DatabaseKind> fromName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(k -> k.id.equals(wanted) || Arrays.asList(k.aliases).contains(wanted))
                .findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
