package dev.migratemcp.dialect;

class MysqlIntrospectorTest extends IntrospectorConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MYSQL;
    }
}
