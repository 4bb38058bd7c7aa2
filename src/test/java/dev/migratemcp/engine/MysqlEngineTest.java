package dev.migratemcp.engine;

import dev.migratemcp.dialect.DatabaseKind;

class MysqlEngineTest extends EngineConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MYSQL;
    }
}
