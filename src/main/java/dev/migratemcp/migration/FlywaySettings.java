package dev.migratemcp.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The settings of a Flyway project that decide how its scripts are found, named and read, from its
 * {@code flyway.conf} or {@code flyway.toml} (read by {@code config.FlywayConfigFile}); Flyway's defaults where the
 * file says nothing.
 *
 * @param file                         the file they were read from
 * @param locations                    folders searched for scripts, each with the folders inside it
 * @param table                        Flyway's history table ({@code flyway_schema_history})
 * @param schemas                      Flyway's {@code schemas}
 * @param defaultSchema                Flyway's {@code defaultSchema}, else the first of {@code schemas}, else null
 *                                     (then {@code ${flyway:defaultSchema}} is the connection's schema)
 * @param placeholders                 {@code ${name}} values, names compared without regard to case
 * @param placeholderReplacement       false: scripts are read as written
 * @param ignored                      settings the file holds that are not used here, each with the reason, for
 *                                     {@code validate} and {@code status} to list
 */
public record FlywaySettings(Path file, List<Path> locations, String table, List<String> schemas,
                             String defaultSchema, Map<String, String> placeholders, String placeholderPrefix, String placeholderSuffix,
                             String placeholderSeparator, boolean placeholderReplacement, String sqlMigrationPrefix,
                             String undoSqlMigrationPrefix, String repeatableSqlMigrationPrefix,
                             String sqlMigrationSeparator, List<String> sqlMigrationSuffixes, String environment,
                             List<String> ignored) {

    public static final String DEFAULT_TABLE = "flyway_schema_history";

    public FlywaySettings {
        locations = List.copyOf(locations);
        schemas = List.copyOf(schemas);
        placeholders = Map.copyOf(placeholders);
        sqlMigrationSuffixes = List.copyOf(sqlMigrationSuffixes);
        ignored = List.copyOf(ignored);
    }

    /** Flyway's defaults, for a folder of Flyway scripts without a configuration file. */
    public static FlywaySettings defaults(Path folder) {
        return new FlywaySettings(null, List.of(folder), DEFAULT_TABLE, List.of(), null, Map.of(), "${", "}", ":", true,
                "V", "U", "R", "__", List.of(".sql"), "default", List.of());
    }
}
