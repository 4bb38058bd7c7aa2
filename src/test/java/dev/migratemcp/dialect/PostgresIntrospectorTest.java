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

    @Test
    void exclusionsIndexMethodsCommentsPartitioningAndExtensionsAreEachOneDifference() throws Exception {
        execute("CREATE TABLE booking (id INTEGER PRIMARY KEY, during int4range, tags TEXT[], note TEXT, "
                        + "EXCLUDE USING gist (during WITH &&))",
                "CREATE INDEX booking_tags ON booking USING gin (tags)",
                "COMMENT ON TABLE booking IS 'rooms'", "COMMENT ON COLUMN booking.note IS 'free text'",
                "CREATE TABLE events (id INTEGER, at DATE) PARTITION BY RANGE (at)",
                "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "CREATE EXTENSION seg SCHEMA " + db.name());
        SchemaSnapshot s = snapshot();
        assertEquals(s, snapshot(), "the same schema reads the same");
        SchemaSnapshot.TableInfo booking = s.tables().stream().filter(t -> t.name().equals("booking")).findFirst()
                .orElseThrow();
        assertEquals("rooms", booking.comment());
        assertEquals(List.of("gin"), booking.indexes().stream().map(SchemaSnapshot.IndexInfo::method).toList(),
                "the exclusion constraint's index is the constraint's, not listed as an index");
        assertEquals("RANGE (at)", s.tables().stream().filter(t -> t.name().equals("events")).findFirst()
                .orElseThrow().partitioning());
        assertEquals(List.of(new SchemaSnapshot.ExtensionInfo("seg", "1.4")), s.extensions());
        String[][] changes = {
                {"exclusion_missing booking.booking_during_excl", "ALTER TABLE booking DROP CONSTRAINT "
                        + "booking_during_excl"},
                {"index_changed booking.booking_tags", "DROP INDEX booking_tags; CREATE INDEX booking_tags ON "
                        + "booking USING btree (tags)"},
                {"table_changed booking", "COMMENT ON TABLE booking IS 'halls'"},
                {"column_changed booking.note", "COMMENT ON COLUMN booking.note IS NULL"},
                {"table_changed events_2026", "ALTER TABLE events DETACH PARTITION events_2026; ALTER TABLE events "
                        + "ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2026-07-01')"},
                {"extension_missing seg", "DROP EXTENSION seg"},
        };
        for (String[] change : changes) {
            SchemaSnapshot before = snapshot();
            execute(change[1]);
            assertEquals(List.of(change[0]), dev.migratemcp.schema.SchemaDiff.between(before, snapshot()).stream()
                    .map(d -> d.kind() + " " + d.object()).toList(), change[1]);
        }
    }

    @Test
    void theSameSchemaWrittenTwoWaysReadsTheSame() throws Exception {
        execute("CREATE TABLE w (id int4 PRIMARY KEY, n int8 DEFAULT 0, label character varying(20) DEFAULT "
                        + "'x'::character varying, during int4range, EXCLUDE USING gist (during WITH &&))",
                "COMMENT ON TABLE w IS 'c'", "CREATE INDEX w_label ON w USING hash (label)",
                "CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$",
                "CREATE TABLE parts (at date) PARTITION BY RANGE (at)",
                "CREATE TABLE parts_1 PARTITION OF parts FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
        SchemaSnapshot once = snapshot();
        execute("DROP TABLE w", "DROP FUNCTION f()", "DROP TABLE parts",
                "CREATE TABLE \"w\" (\"id\" integer NOT NULL)", "ALTER TABLE w ADD PRIMARY KEY (id)",
                "ALTER TABLE w ADD COLUMN n bigint DEFAULT 0", "ALTER TABLE w ADD COLUMN label varchar(20) DEFAULT 'x'",
                "ALTER TABLE w ADD COLUMN during int4range", "ALTER TABLE w ADD EXCLUDE USING gist (during WITH &&)",
                "COMMENT ON TABLE w IS 'c'", "CREATE INDEX w_label ON w USING hash (label)",
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$\n    SELECT  1\n$$",
                "CREATE TABLE parts (at date) PARTITION BY RANGE (at)", "CREATE TABLE parts_1 (at date)",
                "ALTER TABLE parts ATTACH PARTITION parts_1 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
        assertEquals(List.of(), dev.migratemcp.schema.SchemaDiff.between(once, snapshot()));
    }
}
