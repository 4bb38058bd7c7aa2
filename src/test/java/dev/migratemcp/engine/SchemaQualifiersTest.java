package dev.migratemcp.engine;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A schema is named by a statement only where it qualifies a name, read as PostgreSQL reads identifiers. */
class SchemaQualifiersTest {

    private static final Set<String> APP = Set.of("app");

    @Test
    void aQualifierIsAWholeIdentifier() {
        assertTrue(SchemaQualifiers.named("CREATE INDEX ix ON app.t (a)", APP));
        assertTrue(SchemaQualifiers.named("ALTER TABLE APP.t ADD COLUMN b INTEGER", APP), "a bare word folds");
        assertTrue(SchemaQualifiers.named("CREATE TABLE u (p INTEGER REFERENCES app . t)", APP), "space by the dot");
        assertTrue(SchemaQualifiers.named("CREATE TABLE u (LIKE mydb.app.t)", APP), "a catalog before it");
        assertTrue(SchemaQualifiers.named("CREATE INDEX ix ON \"app\".t (a)", APP));
        assertFalse(SchemaQualifiers.named("CREATE INDEX ix ON myapp.t (a)", APP), "app is only part of myapp");
        assertFalse(SchemaQualifiers.named("CREATE INDEX ix ON app_old.t (a)", APP));
        assertFalse(SchemaQualifiers.named("ALTER TABLE t ADD COLUMN app INTEGER", APP), "no dot: not a qualifier");
        assertFalse(SchemaQualifiers.named("UPDATE t SET x = t.app", APP), "a column named app");
    }

    @Test
    void quotedNamesKeepTheirCase() {
        Set<String> capital = Set.of("App");
        assertTrue(SchemaQualifiers.named("DROP TABLE \"App\".t", capital));
        assertFalse(SchemaQualifiers.named("DROP TABLE App.t", capital), "unquoted App is schema app");
        assertFalse(SchemaQualifiers.named("DROP TABLE \"App\".t", APP));
        assertTrue(SchemaQualifiers.named("DROP TABLE \"my \"\"app\"\"\".t", Set.of("my \"app\"")), "doubled quotes");
        assertFalse(SchemaQualifiers.named("DROP TABLE \"my app\".t", APP), "a quoted name is whole");
    }

    @Test
    void literalsAndCommentsHoldNoNames() {
        assertFalse(SchemaQualifiers.named("INSERT INTO t VALUES ('app.t')", APP));
        assertFalse(SchemaQualifiers.named("INSERT INTO t VALUES ('it''s app.t')", APP));
        assertFalse(SchemaQualifiers.named("INSERT INTO t VALUES (E'it\\'s app.t')", APP));
        assertFalse(SchemaQualifiers.named("INSERT INTO t VALUES ($$app.t$$, $x$app.t$x$)", APP));
        assertFalse(SchemaQualifiers.named("-- app.t\nDELETE FROM t /* app.t */", APP));
        assertTrue(SchemaQualifiers.named("INSERT INTO t VALUES ('a\"b') -- x\n; UPDATE app.t SET a = 1", APP),
                "a quote inside a literal opens no identifier");
        assertTrue(SchemaQualifiers.named("UPDATE t SET a = $1 WHERE b IN (SELECT c FROM app.u)", APP),
                "$1 is a parameter, not a dollar quote");
    }
}
