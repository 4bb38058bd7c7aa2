package dev.migratemcp.dialect;

class PostgresDialectTest extends DialectConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRESQL;
    }
}
