package dev.migratemcp.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigFileTest {

    @TempDir
    Path dir;

    private String file(String json) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        return Files.writeString(project.resolve("migrate-mcp.json"), json).toString();
    }

    private static Config.Options named(String file) {
        return new Config.Options(null, null, null, null, null, null, null, null, null, null, file);
    }

    @Test
    void theFileFillsWhatFlagsAndEnvironmentLeaveOpen() throws Exception {
        String f = file("""
                {"url": "postgresql://app@db.example:5432/app", "migrations": "db/migrations", "backups": "../bk",
                 "history_table": "app_versions", "lock_timeout": 2.5, "keep": 10, "backup_before": "always"}""");
        Config c = Config.resolve(named(f), Map.of());
        assertEquals("jdbc:postgresql://db.example:5432/app", c.connection().jdbcUrl());
        assertEquals(dir.resolve("project/db/migrations").toAbsolutePath(), c.migrationsDir(),
                "folders are relative to the file, not to the working directory");
        assertEquals(dir.resolve("bk").toAbsolutePath(), c.backupsDir());
        assertEquals("app_versions", c.historyTable());
        assertEquals(Duration.ofMillis(2500), c.lockTimeout());
        assertEquals(10, c.keepBackups());
        assertEquals(Config.BackupPolicy.ALWAYS, c.backupBefore());

        Config overridden = Config.resolve(new Config.Options(null, null, null, "other", null, null, null, null, null,
                null, f), Map.of(Config.ENV_HISTORY_TABLE, "from_env", Config.ENV_CONFIG, "ignored-when-named"));
        assertEquals(Path.of("other"), overridden.migrationsDir(), "a flag wins");
        assertEquals("from_env", overridden.historyTable(), "the environment wins");
    }

    @Test
    void aFlywayConfigurationIsNamedByFlagEnvironmentOrFileRelativeToTheFile() throws Exception {
        String f = file("{\"flyway_config\": \"conf/flyway.toml\"}");
        assertEquals(dir.resolve("project/conf/flyway.toml").toAbsolutePath(), Config.resolve(named(f), Map.of())
                .flywayConfig());
        assertEquals(Path.of("env.conf"), Config.resolve(named(f), Map.of(Config.ENV_FLYWAY_CONFIG, "env.conf"))
                .flywayConfig());
        assertEquals(Path.of("flag.toml"), Config.resolve(new Config.Options(null, null, null, null, null, null,
                null, null, null, null, f, null, null, "flag.toml"), Map.of(Config.ENV_FLYWAY_CONFIG, "env.conf"))
                .flywayConfig());
        assertEquals(null, Config.resolve(named(null), Map.of()).flywayConfig());
    }

    @Test
    void schemasComeAsAListOrCommaSeparatedFoldedAsPostgresqlReadsNames() throws Exception {
        assertEquals(java.util.List.of(), Config.resolve(named(null), Map.of()).schemas());
        assertEquals(java.util.List.of("app", "Reports"), Config.resolve(named(file(
                "{\"schemas\": [\"app\", \"Reports\"]}")), Map.of()).schemas(), "a list gives names exactly");
        assertEquals(java.util.List.of("app", "Reports"), Config.resolve(named(file(
                "{\"schemas\": \"App, \\\"Reports\\\"\"}")), Map.of()).schemas());
        assertEquals(java.util.List.of("billing"), Config.resolve(new Config.Options(null, null, null, null, null, null,
                null, null, null, null, file("{\"schemas\": \"app\"}"), null, "billing"), Map.of()).schemas(),
                "the flag wins");
        assertEquals(java.util.List.of("x"), Config.resolve(named(null), Map.of(Config.ENV_SCHEMAS, "x")).schemas());
    }

    @Test
    void outOfOrderComesFromTheFlagTheEnvironmentOrTheFile() throws Exception {
        assertFalse(Config.resolve(named(null), Map.of()).outOfOrder(), "refused by default");
        String on = file("{\"out_of_order\": true}");
        assertTrue(Config.resolve(named(on), Map.of()).outOfOrder());
        assertFalse(Config.resolve(named(on), Map.of(Config.ENV_OUT_OF_ORDER, "false")).outOfOrder(),
                "the environment wins over the file");
        assertTrue(Config.resolve(new Config.Options(null, null, null, null, null, null, null, null, null, null, null,
                true), Map.of(Config.ENV_OUT_OF_ORDER, "false")).outOfOrder(), "the flag wins");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Config.resolve(named(null), Map.of(Config.ENV_OUT_OF_ORDER, "sometimes")));
        assertTrue(bad.getMessage().contains(Config.ENV_OUT_OF_ORDER), bad.getMessage());
    }

    @Test
    void theEnvironmentNamesTheFileAndFillsItsPlaceholders() throws Exception {
        String f = file("{\"url\": \"postgresql://app:${DB_PASSWORD}@db:5432/app\"}");
        Config c = Config.resolve(named(null), Map.of(Config.ENV_CONFIG, f, "DB_PASSWORD", "s3cret"));
        assertEquals("s3cret", c.connection().password());
        assertFalse(c.connection().redactedUrl().contains("s3cret"));
        IllegalArgumentException unset = assertThrows(IllegalArgumentException.class,
                () -> Config.resolve(named(f), Map.of()));
        assertTrue(unset.getMessage().contains("${DB_PASSWORD}"), unset.getMessage());
    }

    @Test
    void mistakesAreRefusedWithoutQuotingTheFile() throws Exception {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Config.resolve(named(file("{\"histroy_table\": \"x\"}")), Map.of()));
        assertTrue(unknown.getMessage().contains("[histroy_table]"), unknown.getMessage());
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
                () -> Config.resolve(named(file("{\"password\": hunter2}")), Map.of()));
        assertTrue(broken.getMessage().contains("not valid JSON (line 1"), broken.getMessage());
        assertFalse(broken.getMessage().contains("hunter2"), broken.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Config.resolve(named(file("{\"keep\": [1]}")), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> Config.resolve(named(dir.resolve("missing.json").toString()), Map.of()));
    }
}
