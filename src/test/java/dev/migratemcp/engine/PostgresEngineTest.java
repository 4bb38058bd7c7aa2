package dev.migratemcp.engine;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresEngineTest extends EngineConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRESQL;
    }

    @Test
    void aConcurrentIndexRunsOutsideATransactionWithoutTheFileAsking() throws Exception {
        files.write(1, "orders", null, """
                CREATE TABLE orders (id INT PRIMARY KEY, customer INT);
                INSERT INTO orders VALUES (1, 7), (2, 8);
                CREATE INDEX CONCURRENTLY orders_customer ON orders (customer);""", """
                DROP INDEX CONCURRENTLY orders_customer;
                DROP TABLE orders;""");
        MigrationEngine engine = engine();
        PlannedMigration planned = engine.plan(v(1)).migrations().get(0);
        assertFalse(planned.transactional());
        List<Risk> risks = planned.statements().get(2).risks();
        assertTrue(risks.stream().anyMatch(r -> r.kind().equals("not_transactional")
                && r.message().contains("CREATE INDEX CONCURRENTLY cannot run inside a transaction block")), risks.toString());
        PlannedMigration dryRun = engine.apply(null, true, ProgressListener.NONE).plan().get(0);
        assertFalse(dryRun.transactional());
        assertEquals(risks, dryRun.statements().get(2).risks());

        assertEquals("applied", applyAll(engine).status());
        assertEquals(3, engine.history().entries().get(0).statementsDone());
        assertEquals(1, count("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() "
                + "AND indexname = 'orders_customer'"));
        assertEquals("rolled_back", engine.rollback(v(0), ProgressListener.NONE).status());
        assertFalse(tableExists("orders"));
    }

    @Test
    void anEnumValueAddedAndUsedInOneMigrationApplies() throws Exception {
        // inside one transaction PostgreSQL 12+ refuses to use the value ("unsafe use of new value"), older ones
        // refuse ADD VALUE itself; outside one, each statement commits and the next sees the value
        files.write(1, "moods", null, """
                CREATE TYPE mood AS ENUM ('sad', 'happy');
                CREATE TABLE people (name TEXT, feeling mood);
                ALTER TYPE mood ADD VALUE 'meh';
                INSERT INTO people VALUES ('ann', 'meh');""", null);
        assertEquals("applied", applyAll(engine()).status());
        assertEquals(1, count("SELECT COUNT(*) FROM people WHERE feeling = 'meh'"));
    }

    @Test
    void aRefusedStatementKeptInATransactionFailsNamingTheFix() throws Exception {
        files.writeRaw("0001_index.sql", """
                -- migrate:up transaction=true
                CREATE TABLE t (a int);
                CREATE INDEX CONCURRENTLY t_a ON t (a);
                """);
        MigrateException e = refused(ErrorCode.MIGRATION_FAILED, () -> applyAll(engine()));
        assertTrue(e.error().hint().contains("-- migrate:no_transaction") && e.error().hint().contains("transaction=true"),
                e.error().hint());
        assertFalse(tableExists("t"));
    }
}
