package dev.migratemcp.dialect;

class SqliteDialectTest extends DialectConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.SQLITE;
    }
}
