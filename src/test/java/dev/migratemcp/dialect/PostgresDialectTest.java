package dev.migratemcp.dialect;

import dev.migratemcp.config.ConnectionSettings;
import dev.migratemcp.testing.TestServers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresDialectTest extends DialectConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRESQL;
    }

    /** As the suite's test of scratch databases, for the scratch schemas of a role without CREATEDB. */
    @Test
    void theScratchSchemaOfAKilledProcessGoesAndALiveOnesStays() throws Exception {
        ScratchLeftovers.theScratchOfAKilledProcessGoesAndALiveOnesStays(db, "schema");
    }

    @Test
    void aRoleThatCannotCreateDatabasesRehearsesInAScratchSchema() throws Exception {
        String admin = TestServers.postgresUrl();
        TestServers.requireReachable(DatabaseKind.POSTGRESQL, admin);
        String role = "mm_nocreatedb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String database = ScratchDatabases.databaseOf(admin);
        execute(admin, "CREATE ROLE " + role + " LOGIN NOCREATEDB");
        try {
            execute(admin, "GRANT CREATE ON DATABASE " + database + " TO " + role);
            String url = ScratchDatabases.withDatabase(admin, database).replaceAll("([?&])user=[^&]*", "$1user="
                    + role);
            ConnectionSettings settings = new ConnectionSettings(DatabaseKind.POSTGRESQL, url, null, null);
            String schema;
            try (ScratchDatabase scratch = Dialect.of(DatabaseKind.POSTGRESQL).createScratch(settings)) {
                assertTrue(scratch.settings().jdbcUrl().contains("currentSchema=migrate_mcp_scratch_"),
                        scratch.settings().jdbcUrl());
                try (Connection c = DriverManager.getConnection(scratch.settings().jdbcUrl());
                     Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE rehearsed (id INTEGER)");
                    try (ResultSet rs = s.executeQuery("SELECT current_schema(), current_user")) {
                        rs.next();
                        schema = rs.getString(1);
                        assertEquals(role, rs.getString(2));
                    }
                }
                assertTrue(schema.startsWith("migrate_mcp_scratch_"), schema);
            }
            assertFalse(schemaExists(admin, schema), "the scratch schema is dropped afterwards");
        } finally {
            execute(admin, "REVOKE CREATE ON DATABASE " + database + " FROM " + role);
            execute(admin, "DROP ROLE " + role);
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static boolean schemaExists(String url, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
