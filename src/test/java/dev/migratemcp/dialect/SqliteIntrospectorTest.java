package dev.migratemcp.dialect;

class SqliteIntrospectorTest extends IntrospectorConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.SQLITE;
    }
}
