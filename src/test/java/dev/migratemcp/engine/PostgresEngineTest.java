package dev.migratemcp.engine;

import dev.migratemcp.dialect.DatabaseKind;

class PostgresEngineTest extends EngineConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRESQL;
    }
}
