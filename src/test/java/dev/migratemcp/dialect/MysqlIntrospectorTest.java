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

    @Override
    List<String> catalogue() {
        return List.of("CREATE TABLE parent (id INT NOT NULL PRIMARY KEY, code VARCHAR(10))",
                "CREATE TABLE item (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, parent_id INT, name VARCHAR(50) "
                        + "NOT NULL DEFAULT 'x', qty INT, label VARCHAR(20) CHARACTER SET utf8mb4 COLLATE "
                        + "utf8mb4_general_ci, twice INT GENERATED ALWAYS AS (qty * 2) STORED, touched TIMESTAMP NULL "
                        + "DEFAULT CURRENT_TIMESTAMP, body TEXT, CONSTRAINT item_qty_check CHECK (qty >= 0), "
                        + "CONSTRAINT fk_item_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE) "
                        + "COMMENT 'items'",
                "CREATE TABLE keyed (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a))",
                "CREATE INDEX item_name ON item (name)", "CREATE INDEX item_qty ON item (qty)",
                "CREATE INDEX item_body ON item (body(10))", "CREATE INDEX item_label ON item (label)",
                "CREATE VIEW item_names AS SELECT name FROM item",
                "CREATE TRIGGER item_touch BEFORE UPDATE ON item FOR EACH ROW SET NEW.qty = NEW.qty",
                "CREATE FUNCTION add_one(x INT) RETURNS INT DETERMINISTIC RETURN x + 1",
                "CREATE PROCEDURE noop() SELECT 1",
                "CREATE TABLE r (id INT NOT NULL) PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (10), "
                        + "PARTITION p1 VALUES LESS THAN (20))");
    }

    /** MariaDB's sequences (MySQL has none): made in the catalogue and changed by hand, one option at a time. */
    @Test
    void mariadbSequencesAreInTheSnapshotEachOptionOneDifference() throws Exception {
        try (java.sql.Connection c = db.connect()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(c.getMetaData().getDatabaseProductVersion()
                    .contains("MariaDB"), "MariaDB only");
        }
        execute("CREATE SEQUENCE tickets START WITH 10", "CREATE SEQUENCE other");
        assertEquals(List.of("other", "tickets"), snapshot().sequences().stream()
                .map(SchemaSnapshot.SequenceInfo::name).toList());
        assertEquals(List.of(), snapshot().tables(), "a sequence is no table");
        String[][] changes = {
                {"sequence_changed tickets", "increment", "ALTER SEQUENCE tickets INCREMENT BY 5"},
                {"sequence_changed tickets", "start", "ALTER SEQUENCE tickets START WITH 30"},
                {"sequence_changed tickets", "min", "ALTER SEQUENCE tickets MINVALUE 0"},
                {"sequence_changed tickets", "max", "ALTER SEQUENCE tickets MAXVALUE 100000"},
                {"sequence_changed tickets", "cache", "ALTER SEQUENCE tickets CACHE 10"},
                {"sequence_changed tickets", "cycle", "ALTER SEQUENCE tickets CYCLE"},
                {"sequence_changed tickets", "comment", "ALTER TABLE tickets COMMENT = 'numbers'"},
                {"sequence_missing other", "", "DROP SEQUENCE other"},
                {"sequence_extra spare", "", "CREATE SEQUENCE spare"},
        };
        for (String[] change : changes) {
            SchemaSnapshot before = snapshot();
            execute(change[2]);
            List<dev.migratemcp.schema.SchemaDiff.Difference> d = dev.migratemcp.schema.SchemaDiff.between(before,
                    snapshot());
            assertEquals(List.of(change[0]), d.stream().map(x -> x.kind() + " " + x.object()).toList(), change[2]);
            assertTrue(d.get(0).message().contains(change[1]), d.toString());
        }
    }

    @Override
    List<String[]> catalogueChanges() {
        return List.of(
                new String[]{"column_changed item.name", "type", "ALTER TABLE item MODIFY name VARCHAR(60) NOT NULL "
                        + "DEFAULT 'x'"},
                new String[]{"column_changed item.name", "nullable", "ALTER TABLE item MODIFY name VARCHAR(60) NULL "
                        + "DEFAULT 'x'"},
                new String[]{"column_changed item.name", "default", "ALTER TABLE item MODIFY name VARCHAR(60) NULL "
                        + "DEFAULT 'y'"},
                new String[]{"column_changed item.twice", "generated", "ALTER TABLE item DROP COLUMN twice",
                        "ALTER TABLE item ADD COLUMN twice INT GENERATED ALWAYS AS (qty * 3) STORED"},
                new String[]{"column_changed item.id", "auto-increment", "ALTER TABLE item MODIFY id INT NOT NULL"},
                new String[]{"column_changed item.label", "collation", "ALTER TABLE item MODIFY label VARCHAR(20) "
                        + "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"},
                new String[]{"column_changed item.label", "charset", "ALTER TABLE item MODIFY label VARCHAR(20) "
                        + "CHARACTER SET latin1 COLLATE latin1_swedish_ci"},
                new String[]{"column_changed item.touched", "on update", "ALTER TABLE item MODIFY touched TIMESTAMP "
                        + "NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP"},
                new String[]{"column_changed item.body", "comment", "ALTER TABLE item MODIFY body TEXT COMMENT 'text'"},
                new String[]{"primary_key_changed keyed", "", "ALTER TABLE keyed DROP PRIMARY KEY, ADD PRIMARY KEY "
                        + "(a, b)"},
                new String[]{"index_missing item.item_name", "", "DROP INDEX item_name ON item"},
                new String[]{"index_changed item.item_label", "COMMENT labels", "DROP INDEX item_label ON item",
                        "CREATE INDEX item_label ON item (label) COMMENT 'labels'"},
                new String[]{"index_changed item.item_qty", "UNIQUE", "DROP INDEX item_qty ON item",
                        "CREATE UNIQUE INDEX item_qty ON item (qty)"},
                new String[]{"index_changed item.item_body", "fulltext", "DROP INDEX item_body ON item",
                        "CREATE FULLTEXT INDEX item_body ON item (body)"},
                new String[]{"foreign_key_changed item.(parent_id)->parent", "ON DELETE SET NULL",
                        "ALTER TABLE item DROP FOREIGN KEY fk_item_parent", "ALTER TABLE item ADD CONSTRAINT "
                        + "fk_item_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL"},
                new String[]{"foreign_key_missing item.(parent_id)->parent", "",
                        "ALTER TABLE item DROP FOREIGN KEY fk_item_parent"},
                new String[]{"check_changed item.item_qty_check", "clause", "ALTER TABLE item DROP CONSTRAINT "
                        + "item_qty_check", "ALTER TABLE item ADD CONSTRAINT item_qty_check CHECK (qty > 0)"},
                new String[]{"view_changed item_names", "qty", "CREATE OR REPLACE VIEW item_names AS SELECT name, qty "
                        + "FROM item"},
                new String[]{"trigger_changed item.item_touch", "INSERT", "DROP TRIGGER item_touch",
                        "CREATE TRIGGER item_touch BEFORE INSERT ON item FOR EACH ROW SET NEW.qty = NEW.qty"},
                new String[]{"routine_changed add_one(x integer)", "body_hash", "DROP FUNCTION add_one",
                        "CREATE FUNCTION add_one(x INT) RETURNS INT DETERMINISTIC RETURN x + 2"},
                new String[]{"routine_changed add_one(x integer)", "SQL SECURITY INVOKER", "ALTER FUNCTION add_one "
                        + "SQL SECURITY INVOKER"},
                new String[]{"routine_changed add_one(x integer)", "comment", "ALTER FUNCTION add_one COMMENT 'adds'"},
                new String[]{"routine_changed noop()", "comment", "ALTER PROCEDURE noop COMMENT 'nothing'"},
                new String[]{"table_changed item", "comment", "ALTER TABLE item COMMENT 'things'"},
                new String[]{"table_changed r", "partitioning", "ALTER TABLE r REORGANIZE PARTITION p1 INTO "
                        + "(PARTITION p1 VALUES LESS THAN (30))"},
                new String[]{"routine_missing add_one(x integer)", "", "DROP FUNCTION add_one"},
                new String[]{"view_missing item_names", "", "DROP VIEW item_names"},
                new String[]{"trigger_missing item.item_touch", "", "DROP TRIGGER item_touch"});
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
