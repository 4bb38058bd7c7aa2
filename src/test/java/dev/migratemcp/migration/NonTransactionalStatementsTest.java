package dev.migratemcp.migration;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Optional;

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

    /**
     * Only the rules for a statement's first words are tried; that must never change an answer. Statements the
     * rules are about, and others, each with its letters' case and the white space between its words changed at
     * random (to every kind of white space, and to characters that look like white space but are not), and with
     * words put in, answer alike both ways.
     */
    @Test
    void tryingOnlyTheRulesForTheFirstWordsAnswersAsTryingThemAll() {
        List<String> seeds = List.of("CREATE INDEX CONCURRENTLY i ON t (a)", "CREATE UNIQUE INDEX CONCURRENTLY i ON t",
                "DROP INDEX CONCURRENTLY i", "REINDEX TABLE CONCURRENTLY t", "REINDEX (VERBOSE) INDEX CONCURRENTLY i",
                "REINDEX SCHEMA public", "REINDEX SYSTEM d", "VACUUM", "VACUUM(FULL) t", "CLUSTER", "CLUSTER VERBOSE",
                "ALTER SYSTEM SET a = 1", "CREATE DATABASE d", "DROP DATABASE d", "ALTER DATABASE d SET TABLESPACE ts",
                "CREATE TABLESPACE ts", "DROP TABLESPACE ts", "ALTER TYPE m ADD VALUE 'x'",
                "ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY", "CREATE SUBSCRIPTION s", "DROP SUBSCRIPTION s",
                "ALTER SUBSCRIPTION s REFRESH PUBLICATION", "DISCARD ALL", "COMMIT PREPARED 'x'",
                "ROLLBACK PREPARED 'x'", "VACUUM INTO 'f'", "PRAGMA journal_mode = WAL", "PRAGMA main.journal_mode=wal",
                "CREATE TABLE t (a int)", "INSERT INTO t VALUES (1)", "VACUUM_X", "SELECT 1");
        String[] gaps = {" ", "  ", "\n", "\t", "\r\n", "\u000B", "\f", "\u00A0", "\u2003", "\u001C", ""};
        String[] extra = {"unique", "concurrently", "verbose", "index", "x", "(", "ſ"};
        java.util.Random random = new java.util.Random(20261201);
        int refused = 0;
        for (int n = 0; n < 50_000; n++) {
            String[] words = seeds.get(random.nextInt(seeds.size())).split(" ");
            StringBuilder sql = new StringBuilder(random.nextInt(4) == 0 ? gaps[random.nextInt(gaps.length)] : "");
            for (int w = 0; w < words.length; w++) {
                if (random.nextInt(10) == 0) {
                    sql.append(extra[random.nextInt(extra.length)]).append(' ');
                }
                for (char c : words[w].toCharArray()) {
                    sql.append(random.nextBoolean() ? Character.toLowerCase(c) : c);
                }
                if (w < words.length - 1) {
                    sql.append(random.nextInt(3) == 0 ? gaps[random.nextInt(gaps.length)] : " ");
                }
            }
            for (DatabaseKind kind : DatabaseKind.values()) {
                Optional<String> all = NonTransactionalStatements.reasonTryingEveryRule(sql.toString(), kind);
                assertEquals(all, NonTransactionalStatements.reason(sql.toString(), kind), sql + " on " + kind);
                refused += all.isPresent() ? 1 : 0;
            }
        }
        assertTrue(refused > 10_000, "the statements made reach the rules: " + refused);
    }
}
