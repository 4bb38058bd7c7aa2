package dev.migratemcp.dialect;

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
}
