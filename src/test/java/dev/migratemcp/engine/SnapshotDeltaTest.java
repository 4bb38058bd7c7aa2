package dev.migratemcp.engine;

import dev.migratemcp.json.Json;
import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.schema.SchemaSnapshot.ColumnInfo;
import dev.migratemcp.schema.SchemaSnapshot.RoutineInfo;
import dev.migratemcp.schema.SchemaSnapshot.SequenceInfo;
import dev.migratemcp.schema.SchemaSnapshot.TableInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.migratemcp.testing.Versions.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A stored delta carries every kind of object, so the version it records resolves to a whole, current-format
 * schema; a delta stored by an older release (tables, views and triggers only) resolves to what format 1 saw.
 */
class SnapshotDeltaTest {

    private static final TableInfo T = new TableInfo("t", List.of(new ColumnInfo("id", "integer", false, null,
            false)), List.of("id"), List.of(), List.of());
    private static final TableInfo U = new TableInfo("u", List.of(new ColumnInfo("id", "integer", false, null,
            false)), List.of(), List.of(), List.of());

    private static SchemaSnapshot schema(List<TableInfo> tables, List<RoutineInfo> routines,
                                         List<SequenceInfo> sequences, List<String> schemas) {
        return new SchemaSnapshot(SchemaSnapshot.CURRENT_FORMAT, tables, List.of(), List.of(), routines, sequences,
                List.of(), schemas, List.of());
    }

    @Test
    void aDeltaRoundTripsEveryKindOfObject() {
        SchemaSnapshot base = schema(List.of(T), List.of(), List.of(), List.of());
        SchemaSnapshot next = schema(List.of(T, U), List.of(new RoutineInfo("f()", "function", "integer", "sql",
                "abc", "VOLATILE")), List.of(new SequenceInfo("s", "bigint", 1, 1, 1, 100, 1, false)),
                List.of("app"));
        SnapshotStore.Change change = new SnapshotStore.Carried(base).to(next);
        String document = change.document(v(1), base.hash());
        SnapshotStore.Carried resolved = new SnapshotStore.Carried(base);
        resolved.apply(SnapshotStore.Change.read(Json.mapper().readTree(document)));
        assertEquals(next, resolved.snapshot());
    }

    @Test
    void aTableOnlyChangeKeepsTheOtherKindsOfTheVersionBefore() {
        SchemaSnapshot base = schema(List.of(T), List.of(new RoutineInfo("f()", "function", "integer", "sql", "abc",
                "VOLATILE")), List.of(), List.of("app"));
        SnapshotStore.Carried carried = new SnapshotStore.Carried(base);
        SnapshotStore.Change change = carried.reread(java.util.Set.of("u"), List.of(U));
        SnapshotStore.Carried resolved = new SnapshotStore.Carried(base);
        resolved.apply(SnapshotStore.Change.read(Json.mapper().readTree(change.document(v(1), base.hash()))));
        assertEquals(schema(List.of(T, U), base.routines(), List.of(), List.of("app")), resolved.snapshot());
    }

    @Test
    void anOlderReleasesDeltaResolvesToWhatFormat1Saw() {
        SchemaSnapshot base = schema(List.of(T), List.of(new RoutineInfo("f()", "function", "integer", "sql", "abc",
                "VOLATILE")), List.of(), List.of());
        String older = "{\"base_version\":1,\"base_hash\":\"" + base.hash() + "\",\"dropped_tables\":[],"
                + "\"views_changed\":false,\"triggers_changed\":false,\"changes\":"
                + dev.migratemcp.schema.SnapshotJson.write(new SchemaSnapshot(List.of(U), List.of(), List.of()))
                + "}";
        SnapshotStore.Carried resolved = new SnapshotStore.Carried(base);
        resolved.apply(SnapshotStore.Change.read(Json.mapper().readTree(older)));
        assertEquals(new SchemaSnapshot(List.of(T, U), List.of(), List.of()), resolved.snapshot());
    }
}
