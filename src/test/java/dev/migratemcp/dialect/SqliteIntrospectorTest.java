package dev.migratemcp.dialect;

import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.schema.SchemaSnapshot.ColumnInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SqliteIntrospectorTest extends IntrospectorConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.SQLITE;
    }

    @Test
    void generatedColumnsArePartOfTheTable() throws Exception {
        execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, "
                + "doubled INTEGER GENERATED ALWAYS AS (a * 2) STORED, label TEXT AS (upper(a)) VIRTUAL)");
        SchemaSnapshot withBoth = snapshot();
        assertEquals(List.of("id", "a", "doubled", "label"),
                table(withBoth, "t").columns().stream().map(ColumnInfo::name).toList());
        execute("DROP TABLE t", "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, "
                + "doubled INTEGER GENERATED ALWAYS AS (a * 2) STORED)");
        assertNotEquals(withBoth, snapshot(), "a generated column dropped is a change");
    }

    @Test
    void expressionIndexKeysAreListedWithoutTheRowid() throws Exception {
        execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)", "CREATE INDEX t_lower ON t (lower(name) DESC)");
        assertEquals(List.of("(expression -2) DESC"), table(snapshot(), "t").indexes().get(0).columns());
    }
}
