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

    @Test
    void checkConstraintsAreReadFromTheTableSqlEachChangeOneDifference() throws Exception {
        String table = "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER CHECK (a > 0), "
                + "b TEXT CONSTRAINT b_short CHECK (length(b) < 10), note TEXT DEFAULT 'CHECK (x)', "
                + "CHECK (a < 100), CONSTRAINT \"a b\" CHECK (a <> b))";
        execute(table);
        assertEquals(List.of("a b=a <> b", "a_check=a > 0", "b_short=length(b) < 10", "check_1=a < 100"),
                table(snapshot(), "t").checks().stream().map(c -> c.name() + "=" + c.clause()).toList(),
                "a CHECK inside a quoted default is no constraint");
        execute("DROP TABLE t");
        assertEquals(List.of("check_changed t.a_check"), differencesAfter(List.of(table), "DROP TABLE t",
                table.replace("a > 0", "a >= 0")));
        execute("DROP TABLE t");
        assertEquals(List.of("check_missing t.check_1"), differencesAfter(List.of(table), "DROP TABLE t",
                table.replace(", CHECK (a < 100)", "")));
        execute("DROP TABLE t");
        assertEquals(List.of("check_extra t.c_check"), differencesAfter(List.of(table,
                "ALTER TABLE t ADD COLUMN c INTEGER"), "ALTER TABLE t DROP COLUMN c",
                "ALTER TABLE t ADD COLUMN c INTEGER CHECK (c IN (1, 2))"), "a column added again with a CHECK");
    }

    @Test
    void theSameSchemaWrittenTwoWaysReadsTheSame() throws Exception {
        execute("CREATE TABLE w (id INTEGER PRIMARY KEY, a INT, b INT8, c BOOL DEFAULT 0, d DECIMAL(8,2), "
                + "e TEXT CHECK (e <> ''))");
        SchemaSnapshot once = snapshot();
        execute("DROP TABLE w", "CREATE TABLE \"w\" (\"id\" integer PRIMARY KEY)", "ALTER TABLE w ADD COLUMN a integer",
                "ALTER TABLE w ADD COLUMN b bigint", "ALTER TABLE w ADD COLUMN c boolean DEFAULT FALSE",
                "ALTER TABLE w ADD COLUMN d numeric(8, 2)", "ALTER TABLE w ADD COLUMN e text CHECK (\"e\" <> '')");
        assertEquals(List.of(), dev.migratemcp.schema.SchemaDiff.between(once, snapshot()));
    }
}
