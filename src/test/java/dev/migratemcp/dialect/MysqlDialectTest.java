package dev.migratemcp.dialect;

class MysqlDialectTest extends DialectConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MYSQL;
    }
}
