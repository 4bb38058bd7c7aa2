package dev.migratemcp.migration;

import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.migratemcp.dialect.DatabaseKind.MYSQL;
import static dev.migratemcp.dialect.DatabaseKind.POSTGRESQL;
import static dev.migratemcp.dialect.DatabaseKind.SQLITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlSplitterTest {

    private static List<String> sql(String text, DatabaseKind kind) throws SqlSplitException {
        return SqlSplitter.split(text, kind).stream().map(SqlStatement::sql).toList();
    }

    private static List<Integer> lines(String text, DatabaseKind kind) throws SqlSplitException {
        return SqlSplitter.split(text, kind).stream().map(SqlStatement::line).toList();
    }

    private static SqlSplitException fails(String text, DatabaseKind kind) {
        return assertThrows(SqlSplitException.class, () -> SqlSplitter.split(text, kind));
    }

    @Test
    void plainStatementsEveryDialect() throws Exception {
        for (DatabaseKind kind : DatabaseKind.values()) {
            assertEquals(List.of("SELECT 1", "SELECT 2", "SELECT 3"), sql("SELECT 1; SELECT 2;\nSELECT 3", kind));
            assertEquals(List.of(), sql("", kind));
            assertEquals(List.of(), sql("  ;;\n -- only a comment\n/* and another */ ;", kind));
        }
    }

    @Test
    void leadingCommentsAreDroppedInnerOnesKept() throws Exception {
        assertEquals(List.of("SELECT 1 /* why */ + 1", "SELECT 2 -- trailing; not a split\n  + 2"),
                sql("-- lead\n/* lead; too */ SELECT 1 /* why */ + 1;\nSELECT 2 -- trailing; not a split\n  + 2;",
                        SQLITE));
    }

    @Test
    void semicolonsInsideStringsAndIdentifiers() throws Exception {
        assertEquals(List.of("INSERT INTO t VALUES ('a;b', 'it''s;')", "SELECT \"x;y\" FROM t"),
                sql("INSERT INTO t VALUES ('a;b', 'it''s;'); SELECT \"x;y\" FROM t;", POSTGRESQL));
        assertEquals(List.of("SELECT `a;b`, [c;d] FROM t"), sql("SELECT `a;b`, [c;d] FROM t;", SQLITE));
        assertEquals(List.of("SELECT `we``ird;` FROM t", "SELECT 1"), sql("SELECT `we``ird;` FROM t; SELECT 1", MYSQL));
    }

    @Test
    void backslashesDependOnTheDialect() throws Exception {
        // MySQL: \' escapes the quote, so the string runs on to the next quote
        assertEquals(List.of("SELECT 'it\\'s; fine'", "SELECT 2"), sql("SELECT 'it\\'s; fine'; SELECT 2;", MYSQL));
        assertEquals(List.of("SELECT \"say \\\"hi\\\"; now\""), sql("SELECT \"say \\\"hi\\\"; now\";", MYSQL));
        // PostgreSQL standard strings: a backslash is just a character, so 'a\' is a whole string
        assertEquals(List.of("SELECT 'a\\'", "SELECT 'b'"), sql("SELECT 'a\\'; SELECT 'b';", POSTGRESQL));
        // ...but E'' strings take escapes
        assertEquals(List.of("SELECT E'it\\'s; ok'", "SELECT 1"), sql("SELECT E'it\\'s; ok'; SELECT 1;", POSTGRESQL));
        // a column named e followed by a string is not an E-string
        assertEquals(List.of("SELECT name'a\\'", "SELECT 2"), sql("SELECT name'a\\'; SELECT 2;", POSTGRESQL));
        assertEquals(List.of("SELECT 'a\\'", "SELECT 2"), sql("SELECT 'a\\'; SELECT 2;", SQLITE));
    }

    @Test
    void commentsPerDialect() throws Exception {
        assertEquals(List.of("SELECT 1", "SELECT 2"), sql("SELECT 1; # mysql comment; here\nSELECT 2;", MYSQL));
        // in MySQL "--" needs a space to start a comment: 5--1 is arithmetic
        assertEquals(List.of("SELECT 5--1", "SELECT 2"), sql("SELECT 5--1; SELECT 2;", MYSQL));
        // elsewhere the rest of the line is a comment, kept inside the one statement it ends
        assertEquals(List.of("SELECT 5--1; SELECT 2;"), sql("SELECT 5--1; SELECT 2;", POSTGRESQL));
        // PostgreSQL block comments nest; SQLite's do not
        assertEquals(List.of("SELECT 1", "SELECT 2"), sql("/* a /* b; */ still; */ SELECT 1; SELECT 2;", POSTGRESQL));
        assertEquals(List.of("still", "*/ SELECT 1", "SELECT 2"), sql("/* a /* b; */ still; */ SELECT 1; SELECT 2;",
                SQLITE));
        // executable comments are not split inside, and stay in the statement they belong to
        assertEquals(List.of("SET /*!40101 NAMES utf8mb4; */ x = 1", "SELECT 1"),
                sql("SET /*!40101 NAMES utf8mb4; */ x = 1; SELECT 1;", MYSQL));
    }

    @Test
    void postgresDollarQuoting() throws Exception {
        String fn = """
                CREATE FUNCTION f() RETURNS trigger AS $fn$
                BEGIN
                  NEW.x := 'a;b'; -- not the end
                  RETURN NEW;
                END;
                $fn$ LANGUAGE plpgsql;
                DO $$ BEGIN PERFORM 1; END $$;
                SELECT $1, a$b$c FROM t""";
        List<String> st = sql(fn, POSTGRESQL);
        assertEquals(3, st.size(), st.toString());
        assertTrue(st.get(0).startsWith("CREATE FUNCTION") && st.get(0).endsWith("LANGUAGE plpgsql"));
        assertEquals("DO $$ BEGIN PERFORM 1; END $$", st.get(1));
        assertEquals("SELECT $1, a$b$c FROM t", st.get(2));
        // a different tag inside does not close the body
        assertEquals(List.of("SELECT $a$ x $b$ ; y $a$", "SELECT 2"), sql("SELECT $a$ x $b$ ; y $a$; SELECT 2;",
                POSTGRESQL));
        assertEquals(List.of(), sql("", POSTGRESQL));
        assertEquals(1, fails("SELECT $x$ never closed;\n", POSTGRESQL).line());
    }

    @Test
    void postgresBeginAtomicBodies() throws Exception {
        String text = """
                CREATE FUNCTION g(a int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;
                  SELECT a;
                END;
                BEGIN;
                SELECT 3;
                COMMIT;""";
        List<String> st = sql(text, POSTGRESQL);
        assertEquals(4, st.size(), st.toString());
        assertTrue(st.get(0).endsWith("SELECT a;\nEND"), st.get(0));
        assertEquals(List.of("BEGIN", "SELECT 3", "COMMIT"), st.subList(1, 4));
    }

    @Test
    void sqliteTriggersWithCaseInside() throws Exception {
        String text = """
                CREATE TRIGGER trg_end_date AFTER UPDATE ON t
                WHEN NEW.end_date IS NOT NULL
                BEGIN
                  UPDATE t SET status = CASE WHEN NEW.x > 0 THEN 'END' ELSE 'begin' END WHERE id = NEW.id;
                  INSERT INTO log (msg) VALUES ('end; of trigger');
                END;
                CREATE TABLE begin_at (end_date TEXT);
                BEGIN TRANSACTION;
                COMMIT;""";
        List<String> st = sql(text, SQLITE);
        assertEquals(4, st.size(), st.toString());
        assertTrue(st.get(0).endsWith("END"), st.get(0));
        assertEquals(List.of("CREATE TABLE begin_at (end_date TEXT)", "BEGIN TRANSACTION", "COMMIT"), st.subList(1, 4));
        assertEquals(List.of(1, 7, 8, 9), lines(text, SQLITE));
        assertEquals(List.of("CREATE TEMP TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; SELECT 2; END"),
                sql("CREATE TEMP TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; SELECT 2; END;", SQLITE));
    }

    @Test
    void mysqlStoredProgramsWithNestedBlocks() throws Exception {
        String text = """
                CREATE DEFINER=`root`@`%` PROCEDURE fill(IN n INT)
                BEGIN
                  DECLARE i INT DEFAULT 0;
                  DECLARE CONTINUE HANDLER FOR SQLEXCEPTION BEGIN SET i = n; END;
                  outer_loop: LOOP
                    SET i = i + 1;
                    IF i > n THEN LEAVE outer_loop; END IF;
                    IF (i % 2 = 0) THEN
                      INSERT INTO t (v) VALUES (IF(i > 5, 'big;', REPEAT('x', 2)));
                    ELSEIF i = 3 THEN
                      SET @s = CASE i WHEN 3 THEN 'three' ELSE 'other' END;
                    ELSE
                      WHILE i < 0 DO SET i = i + 1; END WHILE;
                    END IF;
                    CASE WHEN i = 7 THEN SET i = i; ELSE BEGIN END; END CASE;
                    REPEAT SET i = i; UNTIL TRUE END REPEAT;
                  END LOOP outer_loop;
                END;
                DROP TABLE IF EXISTS t2;
                CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.v = IF(NEW.v IS NULL, 'd', NEW.v);
                SELECT 1""";
        List<String> st = sql(text, MYSQL);
        assertEquals(4, st.size(), st.toString());
        assertTrue(st.get(0).endsWith("END LOOP outer_loop;\nEND"), st.get(0));
        assertEquals("DROP TABLE IF EXISTS t2", st.get(1));
        assertTrue(st.get(2).startsWith("CREATE TRIGGER t_bi") && st.get(2).endsWith("NEW.v)"), st.get(2));
        assertEquals(List.of(1, 19, 20, 21), lines(text, MYSQL));
    }

    @Test
    void mysqlFunctionWithIfFunctionStatement() throws Exception {
        String text = """
                CREATE FUNCTION sign_of(x INT) RETURNS INT DETERMINISTIC
                BEGIN
                  DECLARE r INT;
                  SET r = IF(x > 0, 1, -1);
                  RETURN r;
                END;
                SELECT sign_of(3);""";
        assertEquals(2, sql(text, MYSQL).size());
    }

    @Test
    void mysqlDelimiterCommand() throws Exception {
        String text = """
                DELIMITER $$
                CREATE PROCEDURE p()
                BEGIN
                  SELECT 1;
                END$$
                CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END $$
                DELIMITER ;
                SELECT 2;
                """;
        List<String> st = sql(text, MYSQL);
        assertEquals(3, st.size(), st.toString());
        assertTrue(st.get(0).startsWith("CREATE PROCEDURE p()") && st.get(0).endsWith("END"), st.get(0));
        assertEquals("SELECT 2", st.get(2));
        assertEquals(List.of(2, 6, 8), lines(text, MYSQL));
        // DELIMITER means nothing to the other databases
        assertEquals("DELIMITER $$\nSELECT 1", sql("DELIMITER $$\nSELECT 1;", SQLITE).get(0));
    }

    @Test
    void lineNumbersCountEveryKindOfNewline() throws Exception {
        String text = "/* one\ntwo */\nSELECT 'a\nb';\n\n-- c\nSELECT $$x\ny$$;\r\nSELECT 3";
        assertEquals(List.of(3, 7, 9), lines(text, POSTGRESQL));
        assertEquals(List.of("SELECT 1", "SELECT 2"), sql("SELECT 1;\r\nSELECT 2;\r\n", SQLITE));
    }

    @Test
    void unterminatedThingsNameTheLineTheyOpenedOn() {
        assertEquals(2, fails("SELECT 1;\nSELECT 'open\nmore", SQLITE).line());
        assertEquals(3, fails("SELECT 1;\n\n/* never closed", POSTGRESQL).line());
        assertEquals(1, fails("SELECT \"x", POSTGRESQL).line());
        assertEquals(1, fails("SELECT `x", MYSQL).line());
        assertEquals(1, fails("SELECT [x", SQLITE).line());
        assertEquals(1, fails("SELECT 'it\\'s", MYSQL).line());
        assertEquals(2, fails("CREATE TRIGGER t AFTER INSERT ON x\nBEGIN\n SELECT 1;\n", SQLITE).line());
        assertEquals(2, fails("CREATE PROCEDURE p()\nBEGIN\n SELECT 1;\n", MYSQL).line());
        assertTrue(fails("SELECT 'x", SQLITE).getMessage().contains("unterminated string"));
    }

    @Test
    void mysqlExecutableCommentsAreStatements() throws Exception {
        // a statement made only of an executable comment is sent to the server, which runs what it holds
        assertEquals(List.of("/*!50100 CREATE TABLE t (a INT) */", "/*M!100100 CREATE TABLE u (a INT) */",
                        "/*! SET @a = 1 */", "SELECT 2"),
                sql("-- dump header\n/*!50100 CREATE TABLE t (a INT) */;\n/*M!100100 CREATE TABLE u (a INT) */;\n"
                        + "/*! SET @a = 1 */;\nSELECT 2;", MYSQL));
        assertEquals(List.of(1, 2, 3), lines("SELECT 1;\n/*!40101 SET NAMES utf8 */\n;SELECT 3", MYSQL));
        // mysqldump's trigger: the body is read as code, so its semicolons stay inside the one statement
        String trigger = "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER tr BEFORE INSERT ON t "
                + "FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END */;\nSELECT 1;";
        assertEquals(2, sql(trigger, MYSQL).size(), sql(trigger, MYSQL).toString());
        // elsewhere /*! is an ordinary comment
        assertEquals(List.of("SELECT 1"), sql("/*!50100 CREATE TABLE t (a INT) */; SELECT 1;", POSTGRESQL));
        assertEquals(List.of("SELECT 1"), sql("/*! CREATE TABLE t (a INT) */; SELECT 1;", SQLITE));
        assertEquals(2, fails("SELECT 1;\n/*!50100 SELECT 2;\n", MYSQL).line());
    }

    @Test
    void mysqlUnclosedIfConditionsEndInTheDocumentedError() {
        SqlSplitException e = fails("CREATE PROCEDURE p()\nBEGIN\n  IF (x\n  ELSE IF (y = 'a;b'\n  ELSE IF (z;\n",
                MYSQL);
        assertTrue(e.getMessage().contains("unterminated BEGIN ... END body"), e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void splitsTenMegabytesOfSeedDataInOnePass() throws Exception {
        StringBuilder big = new StringBuilder();
        while (big.length() < 10_000_000) {
            big.append("INSERT INTO t (a, b) VALUES ('x;y', \"q\"); -- c\n/* d */ UPDATE t SET a = 'it''s';\n");
        }
        String text = big.toString();
        for (DatabaseKind kind : DatabaseKind.values()) {
            assertTrue(SqlSplitter.split(text, kind).size() > 100_000);
            // the work, counted: a few reads of each character (SqlSplitterLinearityTest holds this for every shape)
            assertTrue(SqlSplitter.examinedCharacters(text, kind) < 8L * text.length());
        }
    }
}
