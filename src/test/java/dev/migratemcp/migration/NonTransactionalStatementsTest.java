package dev.migratemcp.migration;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;

import static dev.migratemcp.dialect.DatabaseKind.MYSQL;
import static dev.migratemcp.dialect.DatabaseKind.POSTGRESQL;
import static dev.migratemcp.dialect.DatabaseKind.SQLITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NonTransactionalStatementsTest {

    private static boolean refused(String sql, DatabaseKind kind) {
        return NonTransactionalStatements.reason(sql, kind).isPresent();
    }

    @Test
    void postgresStatementsThatCannotRunInATransactionBlock() {
        for (String sql : List.of("CREATE INDEX CONCURRENTLY i ON t (a)", "create unique index\n concurrently i on t (a)",
                "DROP INDEX CONCURRENTLY IF EXISTS i", "REINDEX TABLE CONCURRENTLY t", "REINDEX (VERBOSE) INDEX CONCURRENTLY i",
                "REINDEX SCHEMA public", "REINDEX DATABASE d", "VACUUM", "VACUUM (ANALYZE) t", "CLUSTER",
                "ALTER SYSTEM SET work_mem = '4MB'", "CREATE DATABASE d", "DROP DATABASE IF EXISTS d",
                "ALTER DATABASE d SET TABLESPACE ts", "CREATE TABLESPACE ts LOCATION '/x'", "DROP TABLESPACE ts",
                "ALTER TYPE mood ADD VALUE 'meh'", "ALTER TYPE \"my type\" ADD VALUE IF NOT EXISTS 'x' BEFORE 'y'",
                "ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY", "CREATE SUBSCRIPTION s CONNECTION 'c' PUBLICATION p",
                "DROP SUBSCRIPTION s", "ALTER SUBSCRIPTION s REFRESH PUBLICATION", "DISCARD ALL",
                "COMMIT PREPARED 'x'")) {
            assertTrue(refused(sql, POSTGRESQL), sql);
        }
        for (String sql : List.of("CREATE INDEX i ON t (a)", "CREATE TABLE concurrently (a int)", "CLUSTER t USING i",
                "REINDEX TABLE t", "ALTER TYPE mood RENAME VALUE 'a' TO 'b'", "ALTER DATABASE d SET work_mem = 1",
                "SELECT 'VACUUM'", "REFRESH MATERIALIZED VIEW CONCURRENTLY mv", "DISCARD PLANS")) {
            assertFalse(refused(sql, POSTGRESQL), sql);
        }
        assertEquals("CREATE INDEX CONCURRENTLY cannot run inside a transaction block on PostgreSQL",
                NonTransactionalStatements.reason("CREATE INDEX CONCURRENTLY i ON t (a)", POSTGRESQL).orElseThrow());
    }

    @Test
    void sqliteAndMysql() {
        assertTrue(refused("VACUUM", SQLITE));
        assertTrue(refused("VACUUM INTO '/tmp/copy.db'", SQLITE));
        assertTrue(refused("PRAGMA journal_mode = WAL", SQLITE));
        assertTrue(refused("pragma main.journal_mode=delete", SQLITE));
        assertFalse(refused("PRAGMA journal_mode", SQLITE));
        assertFalse(refused("CREATE INDEX CONCURRENTLY i ON t (a)", SQLITE));
        // MySQL commits DDL as it runs: its migrations are statement by statement already
        assertFalse(refused("CREATE DATABASE d", MYSQL));
    }

    @Test
    void aMigrationHoldingOneRunsOutsideATransactionUnlessItsSectionSaysOtherwise() throws Exception {
        String file = """
                -- migrate:up
                CREATE TABLE t (a int);
                CREATE INDEX CONCURRENTLY t_a ON t (a);
                -- migrate:down
                DROP TABLE t;
                """;
        Migration pg = MigrationFileParser.parse("0001_index.sql", file, POSTGRESQL);
        assertFalse(pg.up().transactional());
        assertTrue(pg.down().transactional());
        Migration sqlite = MigrationFileParser.parse("0001_index.sql", file.replace(" CONCURRENTLY", ""), SQLITE);
        assertTrue(sqlite.up().transactional());
        Migration vacuum = MigrationFileParser.parse("0002_vacuum.sql", "-- migrate:up\nVACUUM;\n", SQLITE);
        assertFalse(vacuum.up().transactional());
        // the author's word wins: transaction=true keeps it in (PostgreSQL 12+ takes ALTER TYPE ... ADD VALUE so)
        Migration kept = MigrationFileParser.parse("0003_enum.sql",
                "-- migrate:up transaction=true\nALTER TYPE mood ADD VALUE 'meh';\n", POSTGRESQL);
        assertTrue(kept.up().transactional());
    }

    @Test
    void otherToolsFilesToo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("1_index.up.sql"), "CREATE INDEX CONCURRENTLY i ON t (a);\n");
        Files.writeString(dir.resolve("1_index.down.sql"), "DROP INDEX i;\n");
        Files.writeString(dir.resolve("V2__Vacuum.sql"), "VACUUM;\n");
        Files.writeString(dir.resolve("V2__Vacuum.sql.conf"), "executeInTransaction=true\n");
        MigrationCatalog catalog = MigrationDirectory.load(dir, POSTGRESQL);
        Migration golang = catalog.find(v(1)).orElseThrow();
        assertFalse(golang.up().transactional());
        assertTrue(golang.down().transactional());
        assertTrue(catalog.find(v(2)).orElseThrow().up().transactional()); // the script's .conf says so
    }
}
