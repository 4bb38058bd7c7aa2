package dev.migratemcp.schema;

import dev.migratemcp.json.Json;
import dev.migratemcp.schema.SchemaSnapshot.ColumnInfo;
import dev.migratemcp.schema.SchemaSnapshot.ForeignKeyInfo;
import dev.migratemcp.schema.SchemaSnapshot.IndexInfo;
import dev.migratemcp.schema.SchemaSnapshot.TableInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SnapshotJsonTest {

    @Test
    void streamingWriterMatchesTheMapperExactly() {
        SchemaSnapshot s = new SchemaSnapshot(SchemaSnapshot.CURRENT_FORMAT, List.of(new TableInfo("t \"quoted\"",
                List.of(new ColumnInfo("id", "integer", false, null, true),
                        new ColumnInfo("name", "varchar(10)", true, "'x\\y'", false, null, "utf8mb4_bin", "utf8mb4",
                                "CURRENT_TIMESTAMP"),
                        new ColumnInfo("twice", "integer", true, null, false, "id * 2 STORED", null, null, null,
                                "twice the id"),
                        new ColumnInfo("n", "integer", false, null, true, null, null, null, null, null,
                                new SchemaSnapshot.IdentityInfo(null, 1, 1, 1, 9, 1, false), true)),
                List.of("id"), List.of(new IndexInfo("i", List.of("name", "id"), true, "name IS NOT NULL"),
                        new IndexInfo("g", List.of("name"), false, null, "gin", "by name")),
                List.of(new ForeignKeyInfo(List.of("id"), "p", List.of("pid"), "CASCADE", "NO ACTION", "refers")),
                List.of(new SchemaSnapshot.CheckInfo("c", "id > 0", "positive")),
                List.of(new SchemaSnapshot.CheckInfo("x", "EXCLUDE USING gist (id WITH =)")), "a table",
                "RANGE (id)", "the key")),
                List.of(new SchemaSnapshot.ViewInfo("v", "SELECT 1")),
                List.of(new SchemaSnapshot.TriggerInfo("tr", "t", "BEGIN END", "stamps")),
                List.of(new SchemaSnapshot.RoutineInfo("f(x integer)", "function", "integer", "sql", "ab12",
                        "IMMUTABLE STRICT")),
                List.of(new SchemaSnapshot.SequenceInfo("s", "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false, "numbers")),
                List.of(new SchemaSnapshot.TypeInfo("mood", "enum", "('sad', 'ok')")), List.of("app"),
                List.of(new SchemaSnapshot.ExtensionInfo("citext", "1.6")), java.util.Map.of("app", "reports"));
        String streamed = SnapshotJson.write(s);
        assertEquals(Json.compact(s), streamed);
        assertEquals(s, Json.mapper().readValue(streamed, SchemaSnapshot.class));
    }
}
