package dev.migratemcp.engine;

import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.migratemcp.dialect.DatabaseKind.MYSQL;
import static dev.migratemcp.dialect.DatabaseKind.POSTGRESQL;
import static dev.migratemcp.dialect.DatabaseKind.SQLITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskAnalyzerTest {

    private static List<String> kinds(String sql, DatabaseKind kind) {
        return RiskAnalyzer.analyse(sql, kind, kind != MYSQL).stream().map(Risk::kind).toList();
    }

    @Test
    void dataLoss() {
        assertEquals(List.of("data_loss"), kinds("DROP TABLE users", POSTGRESQL));
        assertEquals(List.of("data_loss"), kinds("alter table users drop column nickname", POSTGRESQL));
        assertEquals(List.of("data_loss", "table_rebuild"), kinds("ALTER TABLE users DROP COLUMN nickname", SQLITE));
        assertEquals(List.of(), kinds("ALTER TABLE users DROP CONSTRAINT users_pkey", POSTGRESQL));
        assertEquals(List.of("data_loss"), kinds("TRUNCATE TABLE logs", POSTGRESQL));
        assertEquals(List.of("data_loss"), kinds("DELETE FROM logs", SQLITE));
        assertEquals(List.of(), kinds("DELETE FROM logs WHERE id < 10", SQLITE));
        assertEquals(List.of("data_loss"), kinds("UPDATE logs SET x = 1", SQLITE));
        assertEquals(List.of(), kinds("UPDATE logs SET x = 1 WHERE id = 2", SQLITE));
        assertEquals(List.of("data_loss", "long_lock"),
                kinds("ALTER TABLE t ALTER COLUMN name TYPE VARCHAR(10)", POSTGRESQL));
    }

    @Test
    void failuresOnNonEmptyTables() {
        assertEquals(List.of("fails_if_not_empty"), kinds("ALTER TABLE t ADD COLUMN c INTEGER NOT NULL", POSTGRESQL));
        assertEquals(List.of(), kinds("ALTER TABLE t ADD COLUMN c INTEGER NOT NULL DEFAULT 0", POSTGRESQL));
        assertEquals(List.of("fails_if_not_empty"), kinds("CREATE UNIQUE INDEX u ON t (c)", SQLITE));
    }

    @Test
    void locksAndTransactions() {
        assertEquals(List.of("long_lock"), kinds("CREATE INDEX i ON t (c)", POSTGRESQL));
        assertEquals(List.of("not_transactional"), kinds("CREATE INDEX CONCURRENTLY i ON t (c)", POSTGRESQL));
        assertEquals(List.of(), kinds("CREATE INDEX i ON t (c)", SQLITE));
        assertEquals(List.of("not_transactional"), kinds("CREATE TABLE t (id INT)", MYSQL));
        assertEquals(List.of("data_loss", "long_lock", "not_transactional"),
                kinds("ALTER TABLE t MODIFY name VARCHAR(10)", MYSQL));
        assertEquals(List.of("not_transactional"),
                RiskAnalyzer.analyse("CREATE TABLE t (id INT)", POSTGRESQL, false).stream().map(Risk::kind).toList());
        assertEquals(List.of("table_rebuild"), kinds("ALTER TABLE t_new RENAME TO t", SQLITE));
        // statements refused inside a transaction block say so, and why the migration runs outside one
        List<Risk> concurrently = RiskAnalyzer.analyse("CREATE INDEX CONCURRENTLY i ON t (c)", POSTGRESQL, false);
        assertEquals(List.of("not_transactional"), concurrently.stream().map(Risk::kind).toList());
        assertTrue(concurrently.get(0).message().startsWith("CREATE INDEX CONCURRENTLY cannot run inside a "
                + "transaction block on PostgreSQL: so this migration runs outside a transaction"),
                concurrently.get(0).message());
        assertEquals(List.of("not_transactional"),
                RiskAnalyzer.analyse("VACUUM", SQLITE, false).stream().map(Risk::kind).toList());
        assertTrue(RiskAnalyzer.analyse("VACUUM", POSTGRESQL, true).get(0).message().contains("it will fail"));
        assertEquals(List.of(), kinds("INSERT INTO t VALUES (1)", MYSQL));
    }
}
