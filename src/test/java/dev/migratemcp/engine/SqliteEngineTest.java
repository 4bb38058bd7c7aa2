package dev.migratemcp.engine;

import dev.migratemcp.dialect.DatabaseKind;

class SqliteEngineTest extends EngineConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.SQLITE;
    }
}
