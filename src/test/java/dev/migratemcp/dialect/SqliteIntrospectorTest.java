package dev.migratemcp.dialect;

import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.schema.SchemaSnapshot.ColumnInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteIntrospectorTest extends IntrospectorConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.SQLITE;
    }

    private static final String ITEM = "CREATE TABLE item (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES "
            + "parent (id) ON DELETE CASCADE, name VARCHAR(50) NOT NULL DEFAULT 'x', qty INTEGER CHECK (qty >= 0), "
            + "twice INTEGER GENERATED ALWAYS AS (qty * 2) STORED)";

    @Override
    List<String> catalogue() {
        return List.of("CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT)", ITEM,
                "CREATE TABLE keyed (a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a))",
                "CREATE INDEX item_name ON item (name)", "CREATE INDEX item_qty ON item (qty)",
                "CREATE VIEW item_names AS SELECT name FROM item",
                "CREATE TRIGGER item_touch AFTER UPDATE ON item BEGIN SELECT 1; END",
                "CREATE TABLE plain (id INT PRIMARY KEY, v TEXT)", "CREATE INDEX parent_code ON parent (lower(code))",
                "CREATE TABLE counted (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)");
    }

    /**
     * SQLite changes a column only by making its table anew: item as {@link #ITEM} with {@code from} replaced by
     * {@code to}, with its indexes and trigger (and the changes before this one kept by the caller's order).
     */
    private static String[] rebuilt(String expected, String attribute, String... fromTo) {
        String table = ITEM;
        for (int i = 0; i < fromTo.length; i += 2) {
            table = table.replace(fromTo[i], fromTo[i + 1]);
        }
        return new String[]{expected, attribute, "DROP TABLE item", table, "CREATE INDEX item_name ON item (name)",
                "CREATE UNIQUE INDEX item_qty ON item (qty) WHERE qty > 0",
                "CREATE TRIGGER item_touch AFTER INSERT ON item BEGIN SELECT 1; END"};
    }

    @Override
    List<String[]> catalogueChanges() {
        return List.of(
                new String[]{"index_missing item.item_name", "", "DROP INDEX item_name"},
                new String[]{"index_extra item.item_name", "", "CREATE INDEX item_name ON item (name)"},
                new String[]{"index_changed item.item_qty", "UNIQUE", "DROP INDEX item_qty",
                        "CREATE UNIQUE INDEX item_qty ON item (qty)"},
                new String[]{"index_changed item.item_qty", "WHERE qty > 0", "DROP INDEX item_qty",
                        "CREATE UNIQUE INDEX item_qty ON item (qty) WHERE qty > 0"},
                new String[]{"trigger_changed item.item_touch", "INSERT", "DROP TRIGGER item_touch",
                        "CREATE TRIGGER item_touch AFTER INSERT ON item BEGIN SELECT 1; END"},
                rebuilt("column_changed item.name", "type", "VARCHAR(50)", "VARCHAR(60)"),
                rebuilt("column_changed item.name", "nullable", "VARCHAR(50) NOT NULL", "VARCHAR(60)"),
                rebuilt("column_changed item.name", "default", "VARCHAR(50) NOT NULL DEFAULT 'x'",
                        "VARCHAR(60) DEFAULT 'y'"),
                rebuilt("column_changed item.twice", "generated", "VARCHAR(50) NOT NULL DEFAULT 'x'",
                        "VARCHAR(60) DEFAULT 'y'", "qty * 2", "qty * 3"),
                rebuilt("check_changed item.qty_check", "clause", "VARCHAR(50) NOT NULL DEFAULT 'x'",
                        "VARCHAR(60) DEFAULT 'y'", "qty * 2", "qty * 3", "qty >= 0", "qty > 0"),
                rebuilt("foreign_key_changed item.(parent_id)->parent", "ON DELETE SET NULL",
                        "VARCHAR(50) NOT NULL DEFAULT 'x'", "VARCHAR(60) DEFAULT 'y'", "qty * 2", "qty * 3",
                        "qty >= 0", "qty > 0", "CASCADE", "SET NULL"),
                rebuilt("foreign_key_missing item.(parent_id)->parent", "", "VARCHAR(50) NOT NULL DEFAULT 'x'",
                        "VARCHAR(60) DEFAULT 'y'", "qty * 2", "qty * 3", "qty >= 0", "qty > 0",
                        " REFERENCES parent (id) ON DELETE CASCADE", ""),
                new String[]{"primary_key_changed keyed", "", "DROP TABLE keyed",
                        "CREATE TABLE keyed (a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b))"},
                new String[]{"view_changed item_names", "qty", "DROP VIEW item_names",
                        "CREATE VIEW item_names AS SELECT name, qty FROM item"},
                new String[]{"view_missing item_names", "", "DROP VIEW item_names"},
                new String[]{"trigger_missing item.item_touch", "", "DROP TRIGGER item_touch"},
                new String[]{"index_changed parent.parent_code", "upper(code)", "DROP INDEX parent_code",
                        "CREATE INDEX parent_code ON parent (upper(code))"},
                new String[]{"column_changed plain.id", "NOT NULL instead of nullable", "DROP TABLE plain",
                        "CREATE TABLE plain (id INT NOT NULL PRIMARY KEY, v TEXT)"},
                new String[]{"column_changed counted.id", "AUTOINCREMENT removed", "DROP TABLE counted",
                        "CREATE TABLE counted (id INTEGER PRIMARY KEY, v TEXT)"},
                new String[]{"column_changed counted.id", "AUTOINCREMENT added", "DROP TABLE counted",
                        "CREATE TABLE counted (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)"});
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
        assertEquals(List.of("lower(name) DESC"), table(snapshot(), "t").indexes().get(0).columns());
        assertEquals(List.of("index_changed t.t_lower"), differencesAfter(List.of(), "DROP INDEX t_lower",
                "CREATE INDEX t_lower ON t (upper(name) DESC)"), "an expression key changed");
        assertEquals(List.of(), differencesAfter(List.of(), "DROP INDEX t_lower",
                "CREATE INDEX t_lower ON t (upper( name )   desc)"), "laid out anew");
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

    /**
     * Only a lone key declared exactly INTEGER in a table with a rowid is the rowid alias SQLite numbers itself:
     * INT PRIMARY KEY reads as the same type but is an ordinary column, and so is a WITHOUT ROWID table's key.
     */
    @Test
    void intPrimaryKeyIsNotTheRowidAliasIntegerPrimaryKeyIs() throws Exception {
        execute("CREATE TABLE r (id INTEGER PRIMARY KEY, n INT)", "CREATE TABLE i (id INT PRIMARY KEY)",
                "CREATE TABLE w (id INTEGER PRIMARY KEY, note TEXT DEFAULT 'without rowid') WITHOUT ROWID",
                "CREATE TABLE s (id INTEGER PRIMARY KEY, note TEXT DEFAULT ') WITHOUT ROWID')");
        SchemaSnapshot s = snapshot();
        assertEquals(true, table(s, "r").columns().get(0).autoIncrement());
        assertEquals(false, table(s, "i").columns().get(0).autoIncrement());
        assertEquals(false, table(s, "w").columns().get(0).autoIncrement(), "a WITHOUT ROWID table has no rowid");
        assertEquals(true, table(s, "s").columns().get(0).autoIncrement(), "the words in a default are no option");
        assertEquals("integer", table(s, "i").columns().get(0).type(), "INT is still INTEGER's alias as a type");
        execute("DROP TABLE i");
        assertEquals(List.of("column_changed i.id"), differencesAfter(List.of("CREATE TABLE i (id INT PRIMARY KEY)"),
                "DROP TABLE i", "CREATE TABLE i (id INTEGER PRIMARY KEY)"));
        assertTrue(lastMessages.get(0).contains("auto-increment added"), lastMessages.toString());
        assertEquals(List.of(), differencesAfter(List.of(), "DROP TABLE r",
                "CREATE TABLE r (id integer PRIMARY KEY, n INTEGER)"), "INT and INTEGER elsewhere are the same");
    }

    /**
     * A primary-key column accepts NULL in SQLite unless declared NOT NULL, the rowid alias, or in a WITHOUT ROWID
     * or STRICT table; AUTOINCREMENT is read as a keyword, not as a word in a default.
     */
    @Test
    void primaryKeyNullabilityAndAutoincrementAreAsSqliteEnforcesThem() throws Exception {
        execute("CREATE TABLE loose (id INT PRIMARY KEY)", "CREATE TABLE alias (id INTEGER PRIMARY KEY)",
                "CREATE TABLE norowid (id INT PRIMARY KEY) WITHOUT ROWID", "CREATE TABLE tight (id INT PRIMARY KEY) STRICT",
                "CREATE TABLE pair (a TEXT, b TEXT, PRIMARY KEY (a, b))",
                "CREATE TABLE counted (id INTEGER PRIMARY KEY AUTOINCREMENT)",
                "CREATE TABLE worded (id INTEGER PRIMARY KEY, note TEXT DEFAULT 'autoincrement')");
        execute("INSERT INTO loose VALUES (NULL)", "INSERT INTO pair VALUES (NULL, NULL)");
        SchemaSnapshot s = snapshot();
        assertEquals(true, table(s, "loose").columns().get(0).nullable(), "INT PRIMARY KEY took a NULL");
        assertEquals(List.of(true, true), table(s, "pair").columns().stream().map(ColumnInfo::nullable).toList());
        assertEquals(false, table(s, "alias").columns().get(0).nullable());
        assertEquals(false, table(s, "norowid").columns().get(0).nullable());
        assertEquals(false, table(s, "tight").columns().get(0).nullable());
        assertEquals(true, table(s, "counted").columns().get(0).autoincrementKeyword());
        assertEquals(false, table(s, "worded").columns().get(0).autoincrementKeyword(), "a word in a default");
        assertEquals(false, table(s, "alias").columns().get(0).autoincrementKeyword());
    }
}
