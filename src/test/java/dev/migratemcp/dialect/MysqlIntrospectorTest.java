package dev.migratemcp.dialect;

import dev.migratemcp.schema.SchemaSnapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MysqlIntrospectorTest extends IntrospectorConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MYSQL;
    }

    private static final List<String> TABLE = List.of("CREATE TABLE t (id INT NOT NULL PRIMARY KEY, a INT, "
            + "s VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci, "
            + "u TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT t_a_positive CHECK (a > 0))");

    @Test
    void checkConstraintsAreCompared() throws Exception {
        assertEquals(List.of("check_changed t.t_a_positive"), differencesAfter(TABLE,
                "ALTER TABLE t DROP CONSTRAINT t_a_positive", "ALTER TABLE t ADD CONSTRAINT t_a_positive CHECK (a >= 0)"));
        assertTrue(lastMessages.get(0).contains("clause a >= 0 instead of a > 0"), lastMessages.toString());
        execute("DROP TABLE t");
        assertEquals(List.of("check_extra t.t_a_small"), differencesAfter(TABLE,
                "ALTER TABLE t ADD CONSTRAINT t_a_small CHECK (a < 100)"));
    }

    @Test
    void collationAndCharacterSetAreCompared() throws Exception {
        assertEquals(List.of("column_changed t.s"), differencesAfter(TABLE,
                "ALTER TABLE t MODIFY s VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"));
        assertTrue(lastMessages.get(0).contains("collation utf8mb4_bin instead of utf8mb4_general_ci"),
                lastMessages.toString());
        execute("DROP TABLE t");
        assertEquals(List.of("column_changed t.s"), differencesAfter(TABLE,
                "ALTER TABLE t MODIFY s VARCHAR(10) CHARACTER SET latin1 COLLATE latin1_swedish_ci"));
        assertTrue(lastMessages.get(0).contains("charset latin1 instead of utf8mb4"), lastMessages.toString());
    }

    @Test
    void onUpdateCurrentTimestampIsCompared() throws Exception {
        assertEquals(List.of("column_changed t.u"), differencesAfter(TABLE,
                "ALTER TABLE t MODIFY u TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP"));
        assertTrue(lastMessages.get(0).contains("on update CURRENT_TIMESTAMP instead of null"),
                lastMessages.toString());
    }

    @Test
    void routinesCommentsPartitioningAndIndexTypesAreEachOneDifference() throws Exception {
        execute("CREATE FUNCTION add_one(x INT) RETURNS INT DETERMINISTIC RETURN x + 1",
                "CREATE PROCEDURE touch(IN n INT, OUT m INT) BEGIN SET m = n; END",
                "CREATE TABLE p (id INT NOT NULL, body TEXT, PRIMARY KEY (id), FULLTEXT INDEX p_body (body)) "
                        + "COMMENT 'posts'",
                "ALTER TABLE p MODIFY body TEXT COMMENT 'the text'",
                "CREATE TABLE r (id INT NOT NULL) PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (10), "
                        + "PARTITION p1 VALUES LESS THAN (20))");
        SchemaSnapshot s = snapshot();
        assertEquals(s, snapshot(), "the same schema reads the same");
        assertEquals(List.of("add_one(x integer)", "touch(n integer, OUT m integer)"), s.routines().stream()
                .map(SchemaSnapshot.RoutineInfo::signature).toList());
        assertEquals("RANGE (id): p0 VALUES LESS THAN (10), p1 VALUES LESS THAN (20)", table(s, "r").partitioning());
        assertEquals("posts", table(s, "p").comment());
        assertEquals("fulltext", table(s, "p").indexes().get(0).method());
        String[][] changes = {
                {"routine_changed add_one(x integer)", "DROP FUNCTION add_one; CREATE FUNCTION add_one(x INT) "
                        + "RETURNS INT DETERMINISTIC RETURN x + 2"},
                {"routine_missing touch(n integer, OUT m integer)", "DROP PROCEDURE touch"},
                {"table_changed p", "ALTER TABLE p COMMENT 'articles'"},
                {"column_changed p.body", "ALTER TABLE p MODIFY body TEXT"},
                {"index_changed p.p_body", "ALTER TABLE p DROP INDEX p_body, ADD INDEX p_body (body(20))"},
                {"table_changed r", "ALTER TABLE r REORGANIZE PARTITION p1 INTO (PARTITION p1 VALUES LESS THAN "
                        + "(30))"},
        };
        for (String[] change : changes) {
            SchemaSnapshot before = snapshot();
            for (String sql : change[1].split("; ")) {
                execute(sql);
            }
            assertEquals(List.of(change[0]), dev.migratemcp.schema.SchemaDiff.between(before, snapshot()).stream()
                    .map(d -> d.kind() + " " + d.object()).toList(), change[1]);
        }
    }

    @Test
    void theSameSchemaWrittenTwoWaysReadsTheSame() throws Exception {
        execute("CREATE TABLE w (id INT(11) NOT NULL PRIMARY KEY, n BIGINT DEFAULT 0, d DECIMAL(8,2), "
                        + "body TEXT COMMENT 'text', FULLTEXT INDEX w_body (body)) COMMENT 'c'",
                "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN x + 1");
        SchemaSnapshot once = snapshot();
        execute("DROP TABLE w", "DROP FUNCTION f", "CREATE TABLE `w` (`id` INTEGER NOT NULL)",
                "ALTER TABLE w ADD PRIMARY KEY (id)", "ALTER TABLE w ADD COLUMN n BIGINT DEFAULT 0",
                "ALTER TABLE w ADD COLUMN d NUMERIC(8,2)", "ALTER TABLE w ADD COLUMN body TEXT",
                "ALTER TABLE w MODIFY body TEXT COMMENT 'text'", "CREATE FULLTEXT INDEX w_body ON w (body)",
                "ALTER TABLE w COMMENT 'c'", "CREATE FUNCTION f(x INTEGER) RETURNS INTEGER DETERMINISTIC RETURN  x + 1");
        assertEquals(List.of(), dev.migratemcp.schema.SchemaDiff.between(once, snapshot()));
    }
}
