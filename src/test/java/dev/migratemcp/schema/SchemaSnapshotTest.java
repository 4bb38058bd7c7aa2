package dev.migratemcp.schema;

import dev.migratemcp.schema.SchemaSnapshot.ColumnInfo;
import dev.migratemcp.schema.SchemaSnapshot.TableInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** describe-schema's one object and one schema: what {@link SchemaSnapshot#onlyObject} and onlySchema keep. */
class SchemaSnapshotTest {

    private static final SchemaSnapshot S = new SchemaSnapshot(SchemaSnapshot.CURRENT_FORMAT,
            List.of(new TableInfo("t", List.of(new ColumnInfo("id", "integer", false, null, false)), List.of("id"),
                            List.of(), List.of()),
                    new TableInfo("app.u", List.of(new ColumnInfo("id", "integer", false, null, false)), List.of(),
                            List.of(), List.of())),
            List.of(new SchemaSnapshot.ViewInfo("v", "SELECT 1")),
            List.of(new SchemaSnapshot.TriggerInfo("touch", "t", "BEGIN END")),
            List.of(new SchemaSnapshot.RoutineInfo("f(x integer)", "function", "integer", "sql", "ab"),
                    new SchemaSnapshot.RoutineInfo("f(x text)", "function", "text", "sql", "cd")),
            List.of(new SchemaSnapshot.SequenceInfo("tickets", "bigint", 1, 1, 1, 9, 1, false)),
            List.of(new SchemaSnapshot.TypeInfo("mood", "enum", "('sad')")), List.of("app"),
            List.of(new SchemaSnapshot.ExtensionInfo("seg", "1.4")), Map.of("app", "the app"));

    @Test
    void oneObjectOfEveryKindByItsName() {
        SchemaSnapshot table = S.onlyObject("T");
        assertEquals(List.of("t"), table.tables().stream().map(TableInfo::name).toList(), "case-insensitively");
        assertEquals(List.of("touch"), table.triggers().stream().map(SchemaSnapshot.TriggerInfo::name).toList(),
                "a table comes with its triggers");
        assertEquals(1, S.onlyObject("v").views().size());
        assertEquals(1, S.onlyObject("touch").triggers().size());
        assertEquals(2, S.onlyObject("f").routines().size(), "a routine by name: every overload");
        assertEquals(1, S.onlyObject("f(x text)").routines().size(), "by signature: that one");
        assertEquals(1, S.onlyObject("tickets").sequences().size());
        assertEquals(1, S.onlyObject("mood").types().size());
        assertEquals(1, S.onlyObject("seg").extensions().size());
        assertEquals(List.of("app.u"), S.onlyObject("app.u").tables().stream().map(TableInfo::name).toList());
        assertTrue(S.onlyObject("nothing").holdsNothing());
    }

    @Test
    void oneSchemaOwnOrOther() {
        SchemaSnapshot own = S.onlySchema("public", true);
        assertEquals(List.of("t"), own.tables().stream().map(TableInfo::name).toList());
        assertEquals(List.of(), own.schemas());
        assertEquals(1, own.extensions().size());
        SchemaSnapshot app = S.onlySchema("app", false);
        assertEquals(List.of("app.u"), app.tables().stream().map(TableInfo::name).toList());
        assertEquals(List.of("app"), app.schemas());
        assertEquals(Map.of("app", "the app"), app.schemaComments());
        assertTrue(app.routines().isEmpty() && app.views().isEmpty() && app.extensions().isEmpty());
    }
}
