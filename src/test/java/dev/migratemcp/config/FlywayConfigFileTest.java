package dev.migratemcp.config;

import dev.migratemcp.migration.FlywaySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlywayConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void propertiesWithFlywaysPrefixListsAndPlaceholders() throws Exception {
        Files.writeString(dir.resolve("flyway.conf"), """
                flyway.locations=filesystem:sql, filesystem:/abs/other,classpath:db/migration,sql2,filesystem:x/**
                flyway.schemas=app,audit
                flyway.table=history
                flyway.placeholders.Schema=app
                flyway.sqlMigrationSuffixes=.sql,.pgsql
                flyway.placeholderReplacement=false
                flyway.baselineOnMigrate=true
                flyway.url=jdbc:postgresql://elsewhere/db
                other.key=1
                """);
        FlywaySettings s = FlywayConfigFile.find(null, dir).orElseThrow();
        assertEquals(List.of(dir.resolve("sql").toAbsolutePath(), Path.of("/abs/other")), s.locations());
        assertEquals(List.of("app", "audit"), s.schemas());
        assertEquals("app", s.defaultSchema(), "the first of schemas");
        assertEquals("history", s.table());
        assertEquals(Map.of("Schema", "app"), s.placeholders());
        assertEquals(List.of(".sql", ".pgsql"), s.sqlMigrationSuffixes());
        assertEquals(false, s.placeholderReplacement());
        String ignored = String.join("\n", s.ignored());
        for (String expected : List.of("'classpath:db/migration'", "'sql2'", "'filesystem:x/**'",
                "'baselineOnMigrate'", "'url': the database is the one --url", "'other.key'")) {
            assertTrue(ignored.contains(expected), expected + " in " + ignored);
        }
        assertEquals(6, s.ignored().size(), ignored);
    }

    @Test
    void tomlReadsTheChosenEnvironmentAndItsOwnFlywaySettings() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), """
                [flyway]
                environment = "ci"
                locations = ["filesystem:migrations"]
                sqlMigrationPrefix = "V"

                [flyway.placeholders]
                who = "everyone"

                [environments.default]
                schemas = ["not_this"]

                [environments.ci]
                url = "jdbc:postgresql://ci/db"
                schemas = ["ci_schema"]

                [environments.ci.flyway]
                sqlMigrationPrefix = "M"

                [environments.ci.flyway.placeholders]
                who = "ci"
                """);
        FlywaySettings s = FlywayConfigFile.read(dir.resolve("flyway.toml"));
        assertEquals("ci", s.environment());
        assertEquals(List.of("ci_schema"), s.schemas());
        assertEquals("M", s.sqlMigrationPrefix(), "the environment's flyway table wins");
        assertEquals(Map.of("who", "ci"), s.placeholders());
        assertEquals(List.of(dir.resolve("migrations").toAbsolutePath()), s.locations());
        assertEquals(List.of("ignored setting 'environments.ci.url': the database is the one --url (or "
                + "MIGRATE_MCP_URL) names"), s.ignored());
    }

    @Test
    void withoutLocationsTheFilesFolderIsTheOne() throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), "[flyway]\ntable = \"t\"\n");
        assertEquals(List.of(dir.toAbsolutePath()), FlywayConfigFile.find(null, dir).orElseThrow().locations());
    }

    @Test
    void bothFilesOrAnotherEncodingOrAMissingNamedFileAreErrors() throws Exception {
        assertTrue(FlywayConfigFile.find(null, dir).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> FlywayConfigFile.find(dir.resolve("nope.toml"), dir));
        Files.writeString(dir.resolve("flyway.toml"), "[flyway]\n");
        Files.writeString(dir.resolve("flyway.conf"), "flyway.encoding=ISO-8859-1\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlywayConfigFile.find(null, dir)).getMessage()
                .contains("both flyway.toml and flyway.conf"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlywayConfigFile.find(
                dir.resolve("flyway.conf"), dir)).getMessage().contains("encoding ISO-8859-1"));
        Files.writeString(dir.resolve("flyway.toml"), "[flyway\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlywayConfigFile.read(
                dir.resolve("flyway.toml"))).getMessage().contains("not valid TOML"));
    }
}
