package dev.migratemcp.dialect;

class PostgresIntrospectorTest extends IntrospectorConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRESQL;
    }
}
