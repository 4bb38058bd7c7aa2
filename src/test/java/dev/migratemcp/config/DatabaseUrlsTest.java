package dev.migratemcp.config;

import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseUrlsTest {

    @Test
    void sqliteForms() {
        assertEquals("jdbc:sqlite:app.db", DatabaseUrls.parse("sqlite:///app.db", null, null).jdbcUrl());
        assertEquals("jdbc:sqlite:/var/data/app.db", DatabaseUrls.parse("sqlite:////var/data/app.db", null, null)
                .jdbcUrl());
        assertEquals("jdbc:sqlite::memory:", DatabaseUrls.parse("sqlite://", null, null).jdbcUrl());
        assertEquals(DatabaseKind.SQLITE, DatabaseUrls.parse("jdbc:sqlite:x.db", null, null).kind());
    }

    @Test
    void serverFormsMoveCredentialsOutOfTheUrl() {
        ConnectionSettings pg = DatabaseUrls.parse("postgresql://alice:s%40cr+t@db.local:5433/app?sslmode=disable",
                null, null);
        assertEquals(DatabaseKind.POSTGRESQL, pg.kind());
        assertEquals("jdbc:postgresql://db.local:5433/app?sslmode=disable", pg.jdbcUrl());
        assertEquals("alice", pg.user());
        assertEquals("s@cr+t", pg.password());
        ConnectionSettings my = DatabaseUrls.parse("mysql://root@127.0.0.1/test", null, null);
        assertEquals("jdbc:mysql://127.0.0.1/test", my.jdbcUrl());
        assertEquals("root", my.user());
        assertNull(my.password());
        assertEquals(DatabaseKind.MYSQL, DatabaseUrls.parse("mariadb://h/db", null, null).kind());
        assertEquals("jdbc:mysql://h:3306/db", DatabaseUrls.parse("jdbc:mariadb://h:3306/db", null, null).jdbcUrl());
    }

    /** pgjdbc reads no user-info: left in the URL it was taken for the host, and quoted back with the password. */
    @Test
    void userInfoIsMovedOutOfJdbcUrlsAndUnderscoreHostsAreAccepted() {
        ConnectionSettings pg = DatabaseUrls.parse("jdbc:postgresql://postgres:secret123@127.0.0.1:5432/db", null,
                null);
        assertEquals("jdbc:postgresql://127.0.0.1:5432/db", pg.jdbcUrl());
        assertEquals("postgres", pg.user());
        assertEquals("secret123", pg.password());
        ConnectionSettings my = DatabaseUrls.parse("jdbc:mariadb://root:p%2Fw@db_primary:3306/app?ssl=false", null,
                null);
        assertEquals("jdbc:mysql://db_primary:3306/app?ssl=false", my.jdbcUrl());
        assertEquals("p/w", my.password());
        ConnectionSettings underscore = DatabaseUrls.parse("postgresql://u:secret123@db_primary:5432/db", null, null);
        assertEquals("jdbc:postgresql://db_primary:5432/db", underscore.jdbcUrl());
        ConnectionSettings slash = DatabaseUrls.parse("postgresql://u:se/cr@t@h/db", null, null);
        assertEquals("se/cr@t", slash.password());
        assertEquals("jdbc:postgresql://h/db", slash.jdbcUrl());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrls.parse("postgresql://u:secret123@/db", null, null));
        assertFalse(e.getMessage().contains("secret123"), e.getMessage());
        IllegalArgumentException escape = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrls.parse("postgresql://u:secret%zz123@h/db", null, null));
        assertFalse(escape.getMessage().contains("secret"), escape.getMessage());
        String masked = DatabaseUrls.parse("jdbc:postgresql://h/db?user=u&password=p%40ss", null, null).redactor()
                .redact("the driver said p@ss and p%40ss");
        assertFalse(masked.contains("p@ss") || masked.contains("p%40ss"), masked);
    }

    @Test
    void explicitCredentialsWin() {
        ConnectionSettings s = DatabaseUrls.parse("postgres://a:b@h/db", "carol", "pw");
        assertEquals("carol", s.user());
        assertEquals("pw", s.password());
    }

    @Test
    void badUrlsAreRefusedWithoutLeakingThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrls.parse("oracle://u:topsecret@h/db", null, null));
        assertFalse(e.getMessage().contains("topsecret"));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrls.parse("jdbc:oracle:thin:u/p@h?password=topsecret", null, null));
        assertFalse(e2.getMessage().contains("topsecret"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrls.parse("  ", null, null));
    }

    @Test
    void redactionMasksEveryForm() {
        assertEquals("jdbc:postgresql://h/db?user=a&password=***",
                Redactor.redactUrl("jdbc:postgresql://h/db?user=a&password=hunter2"));
        assertEquals("postgresql://a:***@h/db", Redactor.redactUrl("postgresql://a:hunter2@h/db"));
        String msg = Redactor.forSecrets("hunter2").redact("login failed for hunter2 (token=abc)");
        assertFalse(msg.contains("hunter2") || msg.contains("abc"), msg);
    }

    @Test
    void configPrecedenceIsFlagThenEnvThenDefault() {
        Config.Options none = new Config.Options(null, null, null, null, null, null);
        Config defaults = Config.resolve(none, Map.of());
        assertEquals("jdbc:sqlite:migrate-mcp.db", defaults.connection().jdbcUrl());
        assertEquals("schema_version", defaults.historyTable());
        assertEquals("migrations", defaults.migrationsDir().toString());
        Map<String, String> env = Map.of("MIGRATE_MCP_URL", "sqlite:///env.db", "MIGRATE_MCP_PASSWORD", "envpw",
                "MIGRATE_MCP_LOCK_TIMEOUT", "2.5");
        Config fromEnv = Config.resolve(none, env);
        assertEquals("jdbc:sqlite:env.db", fromEnv.connection().jdbcUrl());
        assertEquals("envpw", fromEnv.connection().password());
        assertEquals(2500, fromEnv.lockTimeout().toMillis());
        Config flags = Config.resolve(new Config.Options("sqlite:///flag.db", null, null, "m2", "hist", 1.0), env);
        assertEquals("jdbc:sqlite:flag.db", flags.connection().jdbcUrl());
        assertEquals("hist", flags.historyTable());
        assertTrue(flags.toString().contains("flag.db"));
        assertThrows(IllegalArgumentException.class,
                () -> Config.resolve(new Config.Options(null, null, null, null, "bad;name", null), Map.of()));
    }
}
