package dev.migratemcp.engine;

import dev.migratemcp.dialect.Database;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.migration.Placeholders;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * What Flyway's built-in placeholders {@code ${flyway:user}}, {@code ${flyway:database}} and
 * {@code ${flyway:defaultSchema}} stand for on this database, asked as Flyway asks (the current user without its host
 * on MySQL; SQLite's schema {@code main} and empty user), once per engine and only when a script uses one. Asked on a
 * connection of its own: the files are read on another thread while the run holds its connection (SQLite asks
 * nothing, so its single connection is never wanted twice).
 */
final class FlywayDatabaseFacts implements Placeholders.DatabaseFacts {

    private final Database database;
    private volatile Map<String, String> values;

    FlywayDatabaseFacts(Database database) {
        this.database = database;
    }

    @Override
    public String value(String name) {
        Map<String, String> known = values;
        if (known == null) {
            known = read();
            if (!known.isEmpty()) {
                values = known; // kept once the database answered; a failed attempt is tried again next time
            }
        }
        return known.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    private Map<String, String> read() {
        if (database.dialect().kind() == DatabaseKind.SQLITE) {
            // SQLite answers without a query; its single connection may be the run's, so none is taken
            try {
                return database.dialect().sessionFacts(null);
            } catch (SQLException e) {
                return Map.of();
            }
        }
        try (Connection c = database.connection()) {
            return database.dialect().sessionFacts(c);
        } catch (SQLException e) {
            return Map.of(); // left unknown: the script that needs one is refused, naming the placeholder
        }
    }
}
