package dev.migratemcp.dialect;

import dev.migratemcp.schema.SchemaSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresIntrospectorTest extends IntrospectorConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.POSTGRESQL;
    }

    private static final String FUNCTION = "CREATE OR REPLACE FUNCTION add_one(x integer) RETURNS integer "
            + "LANGUAGE sql IMMUTABLE AS 'SELECT x + 1'";

    @Test
    void aFunctionBodyReplacedByHandIsOneDifference() throws Exception {
        assertEquals(List.of("routine_changed add_one(x integer)"), differencesAfter(List.of(FUNCTION),
                FUNCTION.replace("x + 1", "x + 2")));
        assertTrue(lastMessages.get(0).contains("body_hash"), lastMessages.toString());
    }

    @Test
    void aBodyRelaidOutIsNoChange() throws Exception {
        assertEquals(List.of(), differencesAfter(List.of(FUNCTION), FUNCTION.replace("SELECT x + 1",
                "SELECT x\n    +  1")));
    }

    @Test
    void proceduresSequencesAndTypesAreInTheSnapshot() throws Exception {
        List<String> setup = List.of("CREATE PROCEDURE touch() LANGUAGE sql AS $$ SELECT 1 $$",
                "CREATE SEQUENCE ticket_numbers START 10",
                "CREATE TYPE mood AS ENUM ('sad', 'ok')",
                "CREATE DOMAIN positive AS integer CHECK (VALUE > 0)",
                "CREATE TYPE pair AS (a integer, b text)",
                "CREATE TABLE numbered (id SERIAL PRIMARY KEY, n INTEGER GENERATED ALWAYS AS IDENTITY)");
        assertEquals(List.of("routine_missing touch()"), differencesAfter(setup, "DROP PROCEDURE touch()"));
        SchemaSnapshot s = snapshot();
        assertEquals(List.of("ticket_numbers"), s.sequences().stream().map(SchemaSnapshot.SequenceInfo::name)
                .toList(), "the serial and identity columns' sequences go with their columns");
        assertEquals("('sad', 'ok')", s.types().stream().filter(t -> t.name().equals("mood")).findFirst()
                .orElseThrow().definition());
        String[][] changes = {
                {"sequence_changed ticket_numbers", "ALTER SEQUENCE ticket_numbers INCREMENT BY 5"},
                {"type_changed mood", "ALTER TYPE mood ADD VALUE 'happy'"},
                {"type_changed positive", "ALTER DOMAIN positive SET NOT NULL"},
                {"type_changed pair", "ALTER TYPE pair ADD ATTRIBUTE c integer"},
                {"check_extra numbered.numbered_id_check", "ALTER TABLE numbered ADD CONSTRAINT numbered_id_check "
                        + "CHECK (id > 0)"},
        };
        for (String[] change : changes) {
            SchemaSnapshot before = snapshot();
            execute(change[1]);
            assertEquals(List.of(change[0]), dev.migratemcp.schema.SchemaDiff.between(before, snapshot()).stream()
                    .map(d -> d.kind() + " " + d.object()).toList(), change[1]);
        }
    }
}
