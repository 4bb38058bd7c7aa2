package dev.migratemcp.schema;

import dev.migratemcp.json.Json;
import dev.migratemcp.schema.SchemaSnapshot.CheckInfo;
import dev.migratemcp.schema.SchemaSnapshot.ColumnInfo;
import dev.migratemcp.schema.SchemaSnapshot.RoutineInfo;
import dev.migratemcp.schema.SchemaSnapshot.TableInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How snapshots recorded by older versions compare: on what they recorded, so an upgrade alone is no drift. */
class SchemaDiffTest {

    /** A snapshot as versions before format 2 wrote it: no format, no checks, no column extras, no routines. */
    private static final String FORMAT_1 = "{\"tables\":[{\"name\":\"t\",\"columns\":["
            + "{\"name\":\"id\",\"type\":\"integer\",\"nullable\":false,\"default_value\":null,\"auto_increment\":false},"
            + "{\"name\":\"s\",\"type\":\"varchar(10)\",\"nullable\":true,\"default_value\":null,"
            + "\"auto_increment\":false},"
            + "{\"name\":\"d\",\"type\":\"integer\",\"nullable\":true,\"default_value\":\"(id * 2)\","
            + "\"auto_increment\":false}],"
            + "\"primary_key\":[\"id\"],\"indexes\":[],\"foreign_keys\":[]}],\"views\":[],\"triggers\":[]}";

    private static SchemaSnapshot live(String collation, String generated) {
        return new SchemaSnapshot(SchemaSnapshot.CURRENT_FORMAT, List.of(new TableInfo("t", List.of(
                new ColumnInfo("id", "integer", false, null, false),
                new ColumnInfo("s", "varchar(10)", true, null, false, null, collation, "utf8mb4", null),
                new ColumnInfo("d", "integer", true, null, false, generated, null, null, null)),
                List.of("id"), List.of(), List.of(), List.of(new CheckInfo("t_id", "id > 0")))),
                List.of(), List.of(), List.of(new RoutineInfo("f()", "function", "integer", "sql", "ab")), List.of(),
                List.of());
    }

    @Test
    void aFormat1SnapshotLoadsAndComparesOnlyWhatItRecorded() {
        SchemaSnapshot recorded = Json.mapper().readValue(FORMAT_1, SchemaSnapshot.class);
        assertEquals(1, recorded.format());
        assertEquals(List.of(), SchemaDiff.between(recorded, live("utf8mb4_bin", "id * 2 STORED")),
                "PostgreSQL's generation expression was recorded as the default");
        assertEquals(List.of("column_changed t.d"), SchemaDiff.between(recorded, live("utf8mb4_bin",
                "id * 3 STORED")).stream().map(d -> d.kind() + " " + d.object()).toList());
    }

    @Test
    void aCurrentSnapshotComparesEveryAttribute() {
        List<SchemaDiff.Difference> differences = SchemaDiff.between(live("utf8mb4_general_ci", null),
                live("utf8mb4_bin", null));
        assertEquals(List.of("column_changed t.s"), differences.stream().map(d -> d.kind() + " " + d.object()).toList());
        assertEquals("column t.s changed: collation utf8mb4_bin instead of utf8mb4_general_ci",
                differences.get(0).message());
    }

    private static List<String> kinds(SchemaSnapshot expected, SchemaSnapshot actual) {
        return SchemaDiff.between(expected, actual).stream().map(d -> d.kind() + " " + d.object()).toList();
    }

    private static SchemaSnapshot withSchema(int format, List<String> schemas, List<TableInfo> tables,
                                             List<CheckInfo> checks) {
        List<TableInfo> all = new java.util.ArrayList<>(tables);
        all.add(0, new TableInfo("t", List.of(new ColumnInfo("n", "int8", true, null, false)), List.of(), List.of(),
                List.of(), checks));
        return new SchemaSnapshot(format, all, List.of(), List.of(), List.of(), List.of(), List.of(), schemas,
                List.of());
    }

    @Test
    void aFormat2SnapshotIgnoresOtherSchemasChecksItCouldNotReadAndOldTypeSpellings() {
        SchemaSnapshot format2 = withSchema(2, List.of(), List.of(), List.of());
        SchemaSnapshot now = withSchema(3, List.of("app"), List.of(new TableInfo("app.t", List.of(), List.of(),
                List.of(), List.of())), List.of(new CheckInfo("n_check", "n > 0")));
        now = new SchemaSnapshot(3, List.of(new TableInfo("t", List.of(new ColumnInfo("n", Normalise.type("int8"),
                true, null, false)), List.of(), List.of(), List.of(), now.tables().get(0).checks()),
                now.tables().get(1)), List.of(), List.of(), List.of(), List.of(), List.of(), now.schemas(), List.of());
        assertEquals("bigint", now.tables().get(0).columns().get(0).type());
        assertEquals(List.of(), kinds(format2, now), "SQLite's CHECKs, schema app and int8 as bigint are no drift");
        assertEquals(List.of("check_missing t.n_check", "schema_missing app"), kinds(now, withSchema(3, List.of(),
                List.of(), List.of())).stream().sorted().toList(),
                "format 3 compares them all, a whole schema gone is one difference");
    }

    @Test
    void routineOptionsAreComparedFromFormat4On() {
        java.util.function.BiFunction<Integer, String, SchemaSnapshot> withRoutine = (format, options) ->
                new SchemaSnapshot(format, List.of(), List.of(), List.of(), List.of(new RoutineInfo("f()", "function",
                        "integer", "sql", "ab", options)), List.of(), List.of());
        assertEquals(List.of(), kinds(withRoutine.apply(3, null), withRoutine.apply(4, "VOLATILE")),
                "format 3 did not record them");
        assertEquals(List.of("routine_changed f()"), kinds(withRoutine.apply(4, "VOLATILE"),
                withRoutine.apply(4, "VOLATILE SECURITY DEFINER")));
    }

    @Test
    void aMaterializedViewIsMarkedFromFormat5On() {
        java.util.function.BiFunction<Integer, String, SchemaSnapshot> withView = (format, definition) ->
                new SchemaSnapshot(format, List.of(), List.of(new SchemaSnapshot.ViewInfo("v", definition)), List.of(),
                        List.of(), List.of(), List.of());
        assertEquals(List.of(), kinds(withView.apply(4, "SELECT 1"), withView.apply(5, "MATERIALIZED SELECT 1")));
        assertEquals(List.of("view_changed v"), kinds(withView.apply(5, "MATERIALIZED SELECT 1"),
                withView.apply(5, "SELECT 1")));
    }

    @Test
    void identityOptionsAreComparedFromFormat6On() {
        java.util.function.BiFunction<Integer, SchemaSnapshot.IdentityInfo, SchemaSnapshot> withIdentity =
                (format, identity) -> new SchemaSnapshot(format, List.of(new TableInfo("t", List.of(new ColumnInfo(
                        "id", "integer", false, null, true, null, null, null, null, null, identity)), List.of("id"),
                        List.of(), List.of())), List.of(), List.of(), List.of(), List.of(), List.of());
        SchemaSnapshot.IdentityInfo byOne = new SchemaSnapshot.IdentityInfo("BY DEFAULT", 1, 1, 1, 2147483647, 1,
                false);
        SchemaSnapshot.IdentityInfo byFive = new SchemaSnapshot.IdentityInfo("BY DEFAULT", 1, 5, 1, 2147483647, 1,
                false);
        assertEquals(List.of(), kinds(withIdentity.apply(5, null), withIdentity.apply(6, byOne)),
                "format 5 did not record them");
        List<SchemaDiff.Difference> d = SchemaDiff.between(withIdentity.apply(6, byOne), withIdentity.apply(6, byFive));
        assertEquals(List.of("column_changed t.id"), d.stream().map(x -> x.kind() + " " + x.object()).toList());
        assertEquals("column t.id changed: identity increment 5 instead of 1", d.get(0).message());
    }

    @Test
    void commentsOfViewsRoutinesAndTypesAreComparedFromFormat7On() {
        java.util.function.BiFunction<Integer, String, SchemaSnapshot> commented = (format, comment) ->
                new SchemaSnapshot(format, List.of(), List.of(new SchemaSnapshot.ViewInfo("v", "SELECT 1", comment)),
                        List.of(), List.of(new RoutineInfo("f()", "function", "integer", "sql", "ab", "VOLATILE",
                        comment)), List.of(), List.of(new SchemaSnapshot.TypeInfo("mood", "enum", "('a')", comment)));
        assertEquals(List.of(), kinds(commented.apply(6, null), commented.apply(7, "x")), "format 6 did not record them");
        assertEquals(List.of("view_changed v", "routine_changed f()", "type_changed mood"),
                kinds(commented.apply(7, null), commented.apply(7, "x")));
        assertTrue(SchemaDiff.between(commented.apply(7, null), commented.apply(7, "x")).stream()
                .allMatch(d -> d.message().contains("comment x instead of null")));
    }

    @Test
    void aLoneIntegerKeyRecordedAutoNumberedBeforeFormat8IsTakenAsRecorded() {
        java.util.function.BiFunction<Integer, Boolean, SchemaSnapshot> keyed = (format, auto) ->
                new SchemaSnapshot(format, List.of(new TableInfo("t", List.of(new ColumnInfo("id", "integer", false,
                        null, auto)), List.of("id"), List.of(), List.of())), List.of(), List.of(), List.of(),
                        List.of(), List.of());
        assertEquals(List.of(), kinds(keyed.apply(7, true), keyed.apply(8, false)),
                "format 7 marked SQLite's INT PRIMARY KEY auto-numbered");
        assertEquals(List.of("column_changed t.id"), kinds(keyed.apply(8, true), keyed.apply(8, false)));
        assertEquals(List.of("column_changed t.id"), kinds(keyed.apply(7, false), keyed.apply(8, true)),
                "auto-numbering added is seen whatever the format");
    }

    /**
     * Format 9's attributes: a serial column's sequence, SQLite's AUTOINCREMENT and nullable key columns, comments of
     * sequences, triggers and CHECKs; an older record, which read none of them, is compared without them.
     */
    @Test
    void format9AttributesAreComparedFromFormat9On() {
        SchemaSnapshot.IdentityInfo serial = new SchemaSnapshot.IdentityInfo(null, 1, 1, 1, 2147483647, 1, false);
        java.util.function.BiFunction<Integer, Boolean, SchemaSnapshot> made = (format, changed) ->
                new SchemaSnapshot(format, List.of(new TableInfo("t", List.of(
                        new ColumnInfo("id", "integer", false, null, true, null, null, null, null, null,
                                changed ? serial : null),
                        new ColumnInfo("k", "integer", changed, null, true, null, null, null, null, null, null,
                                changed)),
                        List.of("id", "k"), List.of(), List.of(), List.of(new CheckInfo("c", "id > 0",
                                changed ? "x" : null)))),
                        List.of(), List.of(new SchemaSnapshot.TriggerInfo("tr", "t", "BEGIN END", changed ? "x" : null)),
                        List.of(), List.of(new SchemaSnapshot.SequenceInfo("q", "bigint", 1, 1, 1, 9, 1, false,
                        changed ? "x" : null)), List.of());
        assertEquals(List.of(), kinds(made.apply(8, false), made.apply(9, true)), "format 8 did not record them");
        List<SchemaDiff.Difference> d = SchemaDiff.between(made.apply(9, false), made.apply(9, true));
        assertEquals(List.of("column_changed t.id", "column_changed t.k", "check_changed t.c", "trigger_changed t.tr",
                "sequence_changed q"), d.stream().map(x -> x.kind() + " " + x.object()).toList());
        assertEquals("column t.k changed: nullable instead of NOT NULL, AUTOINCREMENT added", d.get(1).message());
        SchemaSnapshot.IdentityInfo byFive = new SchemaSnapshot.IdentityInfo(null, 1, 5, 1, 2147483647, 1, false);
        SchemaSnapshot withFive = new SchemaSnapshot(9, List.of(new TableInfo("t", List.of(new ColumnInfo("id",
                "integer", false, null, true, null, null, null, null, null, byFive)), List.of("id"), List.of(),
                List.of())), List.of(), List.of(), List.of(), List.of(), List.of());
        SchemaSnapshot withOne = new SchemaSnapshot(9, List.of(new TableInfo("t", List.of(new ColumnInfo("id",
                "integer", false, null, true, null, null, null, null, null, serial)), List.of("id"), List.of(),
                List.of())), List.of(), List.of(), List.of(), List.of(), List.of());
        assertEquals("column t.id changed: sequence increment 5 instead of 1",
                SchemaDiff.between(withOne, withFive).get(0).message());
    }

    @Test
    void sqliteExpressionKeysRecordedUnnamedBeforeFormat10AreTakenAsRecorded() {
        java.util.function.BiFunction<Integer, String, SchemaSnapshot> indexed = (format, key) ->
                new SchemaSnapshot(format, List.of(new TableInfo("t", List.of(new ColumnInfo("name", "text", true,
                        null, false)), List.of(), List.of(new SchemaSnapshot.IndexInfo("t_lower", List.of(key), false,
                        null)), List.of())), List.of(), List.of(), List.of(), List.of(), List.of());
        assertEquals(List.of(), kinds(indexed.apply(9, "(expression -2) DESC"), indexed.apply(10, "lower(name) DESC")),
                "format 9 did not name the expression");
        assertEquals(List.of("index_changed t.t_lower"), kinds(indexed.apply(9, "(expression -2) DESC"),
                indexed.apply(10, "lower(name)")), "the sort order was recorded");
        assertEquals(List.of("index_changed t.t_lower"), kinds(indexed.apply(10, "lower(name) DESC"),
                indexed.apply(10, "upper(name) DESC")));
    }

    @Test
    void commentsOfIndexesAndKeyConstraintsAreComparedFromFormat11On() {
        java.util.function.BiFunction<Integer, String, SchemaSnapshot> commented = (format, comment) ->
                new SchemaSnapshot(format, List.of(new TableInfo("t", List.of(new ColumnInfo("id", "integer", false,
                        null, false)), List.of("id"), List.of(new SchemaSnapshot.IndexInfo("t_u", List.of("id"), true,
                        null, null, comment)), List.of(new SchemaSnapshot.ForeignKeyInfo(List.of("id"), "p",
                        List.of("id"), "NO ACTION", "NO ACTION", comment)), List.of(), List.of(), null, null, comment)),
                        List.of(), List.of(), List.of(), List.of(), List.of());
        assertEquals(List.of(), kinds(commented.apply(10, null), commented.apply(11, "x")),
                "format 10 did not record them");
        assertEquals(List.of("primary_key_changed t", "index_changed t.t_u", "foreign_key_changed t.(id)->p"),
                kinds(commented.apply(11, null), commented.apply(11, "x")));
        assertTrue(SchemaDiff.between(commented.apply(11, null), commented.apply(11, "x")).stream()
                .allMatch(d -> d.message().contains("x")));
    }

    @Test
    void commentsOfOtherSchemasAreComparedFromFormat12On() {
        java.util.function.BiFunction<Integer, String, SchemaSnapshot> commented = (format, comment) ->
                new SchemaSnapshot(format, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                        List.of("app"), List.of(), comment == null ? java.util.Map.of() : java.util.Map.of("app",
                        comment));
        assertEquals(List.of(), kinds(commented.apply(11, null), commented.apply(12, "x")),
                "format 11 did not record them");
        assertEquals(List.of("schema_changed app"), kinds(commented.apply(12, null), commented.apply(12, "x")));
    }

    @Test
    void sequencesOfARecordWithoutAnyAreComparedFromFormat13On() {
        java.util.function.BiFunction<Integer, Boolean, SchemaSnapshot> sequenced = (format, one) ->
                new SchemaSnapshot(format, List.of(), List.of(), List.of(), List.of(), one ? List.of(
                        new SchemaSnapshot.SequenceInfo("s", "bigint", 1, 1, 1, 9, 1000, false)) : List.of(),
                        List.of());
        assertEquals(List.of(), kinds(sequenced.apply(12, false), sequenced.apply(13, true)),
                "format 12 did not read MariaDB's sequences");
        assertEquals(List.of("sequence_extra s"), kinds(sequenced.apply(13, false), sequenced.apply(13, true)));
        assertEquals(List.of("sequence_missing s"), kinds(sequenced.apply(12, true), sequenced.apply(13, false)),
                "a record with sequences had looked for them");
    }

    @Test
    void postgresqlCollationsAreComparedFromFormat14On() {
        java.util.function.BiFunction<Integer, String, SchemaSnapshot> collated = (format, collation) ->
                new SchemaSnapshot(format, List.of(new TableInfo("t", List.of(new ColumnInfo("s", "text", true, null,
                        false, null, collation, null, null)), List.of(), List.of(), List.of())), List.of(), List.of(),
                        List.of(), List.of(), List.of());
        assertEquals(List.of(), kinds(collated.apply(13, null), collated.apply(14, "C")), "format 13 did not read it");
        assertEquals(List.of("column_changed t.s"), kinds(collated.apply(14, null), collated.apply(14, "C")));
        assertEquals(List.of("column_changed t.s"), kinds(collated.apply(13, "utf8mb4_bin"),
                collated.apply(14, "utf8mb4_general_ci")), "MySQL's were read before");
    }

    @Test
    void aPostgresqlTriggersFiringStateIsComparedFromFormat15On() {
        java.util.function.BiFunction<Integer, String, SchemaSnapshot> fired = (format, definition) ->
                new SchemaSnapshot(format, List.of(), List.of(), List.of(new SchemaSnapshot.TriggerInfo("tr", "t",
                        definition)), List.of(), List.of(), List.of());
        String trigger = "CREATE TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()";
        assertEquals(List.of(), kinds(fired.apply(14, trigger), fired.apply(15, trigger + " DISABLED")),
                "format 14 did not read it");
        assertEquals(List.of("trigger_changed t.tr"), kinds(fired.apply(15, trigger),
                fired.apply(15, trigger + " DISABLED")));
    }
}
