package dev.migratemcp.engine;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The schemas a migration's statements create or create objects in, read as PostgreSQL reads names. */
class SchemaScopeTest {

    private static Set<String> named(String... statements) {
        Set<String> schemas = new TreeSet<>();
        for (String sql : statements) {
            SchemaScope.named(sql, schemas);
        }
        return schemas;
    }

    @Test
    void createdSchemasAndTheQualifiersOfCreatedObjects() {
        assertEquals(Set.of("app", "Reports", "bob", "audit", "ext", "mv", "fn"), named(
                "CREATE SCHEMA App", "CREATE SCHEMA IF NOT EXISTS \"Reports\" AUTHORIZATION x",
                "CREATE SCHEMA AUTHORIZATION bob", "-- first a comment\nCREATE TABLE audit.log (id int)",
                "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA ext", "CREATE MATERIALIZED VIEW mv.v AS SELECT 1",
                "CREATE OR REPLACE FUNCTION fn.f() RETURNS int LANGUAGE sql AS 'SELECT 1'"));
    }

    @Test
    void otherStatementsNameNoSchema() {
        assertEquals(Set.of(), named("CREATE TABLE t (id int REFERENCES other.p)", "SELECT * FROM x.y",
                "CREATE INDEX ON app.t (a)", "ALTER TABLE app.t ADD COLUMN b int", "CREATE EXTENSION citext"));
    }
}
