package dev.migratemcp.engine;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteEngineTest extends EngineConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.SQLITE;
    }

    @Test
    void vacuumRunsOutsideATransactionWithoutTheFileAsking() throws Exception {
        files.table(1);
        files.write(2, "compact", null, "DELETE FROM t1;\nVACUUM;", null);
        MigrationEngine engine = engine();
        PlannedMigration planned = engine.plan(v(2)).migrations().get(1);
        assertFalse(planned.transactional());
        assertTrue(planned.statements().get(1).risks().stream().anyMatch(r -> r.kind().equals("not_transactional")
                && r.message().startsWith("VACUUM cannot run inside a transaction block on SQLite")));
        assertEquals("applied", applyAll(engine).status());
        assertEquals(2, engine.history().entries().get(1).statementsDone());
        assertEquals(v(2), engine.status().currentVersion());
    }

    @Test
    void vacuumKeptInATransactionFailsNamingTheFix() throws Exception {
        files.writeRaw("0001_compact.sql", "-- migrate:up transaction=true\nCREATE TABLE t (a int);\nVACUUM;\n");
        MigrateException e = refused(ErrorCode.MIGRATION_FAILED, () -> applyAll(engine()));
        assertTrue(e.error().hint().contains("-- migrate:no_transaction"), e.error().hint());
        assertFalse(tableExists("t"));
    }
}
