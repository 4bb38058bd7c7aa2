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
        SchemaSnapshot s = new SchemaSnapshot(List.of(new TableInfo("t \"quoted\"",
                List.of(new ColumnInfo("id", "integer", false, null, true),
                        new ColumnInfo("name", "varchar(10)", true, "'x\\y'", false)),
                List.of("id"), List.of(new IndexInfo("i", List.of("name", "id"), true, "name IS NOT NULL")),
                List.of(new ForeignKeyInfo(List.of("id"), "p", List.of("pid"), "CASCADE", "NO ACTION")))),
                List.of(new SchemaSnapshot.ViewInfo("v", "SELECT 1")),
                List.of(new SchemaSnapshot.TriggerInfo("tr", "t", "BEGIN END")));
        String streamed = SnapshotJson.write(s);
        assertEquals(Json.compact(s), streamed);
        assertEquals(s, Json.mapper().readValue(streamed, SchemaSnapshot.class));
    }
}
