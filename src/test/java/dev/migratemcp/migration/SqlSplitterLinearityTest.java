package dev.migratemcp.migration;

import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import static dev.migratemcp.dialect.DatabaseKind.MYSQL;
import static dev.migratemcp.dialect.DatabaseKind.POSTGRESQL;
import static dev.migratemcp.dialect.DatabaseKind.SQLITE;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The splitter reads each character a bounded number of times, whatever the input: it counts the characters it
 * examines, and that count per input character must stay under a fixed bound as the input doubles from 10 KB to
 * 640 KB. Counting, not timing, so the test says the same on a loaded machine.
 */
class SqlSplitterLinearityTest {

    /** Characters examined per input character, at most, for any input. */
    private static final double BOUND = 8.0;
    private static final int SMALLEST = 10_000;
    private static final int DOUBLINGS = 6;

    static Stream<Arguments> inputs() {
        return Stream.of(
                input("spaces between MySQL statements", MYSQL, n -> "SELECT 1;" + " ".repeat(n) + "SELECT 2;"),
                input("tabs and blank lines between MySQL statements", MYSQL,
                        n -> "SELECT 1;" + "\t \n".repeat(n / 3) + "SELECT 2;"),
                input("an unclosed IF ( in a MySQL body", MYSQL,
                        n -> "CREATE PROCEDURE p()\nBEGIN\n  IF (" + "a = 1 OR ".repeat(n / 9) + "\n"),
                input("unclosed ELSE IF ( after ELSE IF ( in a MySQL body", MYSQL,
                        n -> "CREATE PROCEDURE p()\nBEGIN\n  IF (x\n" + "  ELSE IF (y = 'a;b'\n".repeat(n / 21)),
                input("IF statements and IF() functions in a MySQL body", MYSQL,
                        n -> "CREATE PROCEDURE p()\nBEGIN\n" + "  IF (a) THEN SET b = IF(c, 1, 2); END IF;\n"
                                .repeat(n / 42) + "END;\n"),
                input("REPEAT after long white space in a MySQL body", MYSQL,
                        n -> "CREATE PROCEDURE p()\nBEGIN\n" + "REPEAT          ".repeat(n / 16) + "\n"),
                input("seed data (MySQL)", MYSQL, SqlSplitterLinearityTest::seed),
                input("seed data (PostgreSQL)", POSTGRESQL, SqlSplitterLinearityTest::seed),
                input("seed data (SQLite)", SQLITE, SqlSplitterLinearityTest::seed),
                input("spaces between PostgreSQL statements", POSTGRESQL,
                        n -> "SELECT 1;" + " ".repeat(n) + "SELECT 2;"),
                input("dollar signs that open nothing", POSTGRESQL, n -> "SELECT " + "$a ".repeat(n / 3) + ";"),
                input("a MySQL custom delimiter", MYSQL,
                        n -> "DELIMITER $$\n" + "SELECT 'x' $$   \n".repeat(n / 17) + "DELIMITER ;\n"),
                input("many DELIMITER-like lines", MYSQL, n -> "  DELIMITER  a b\n".repeat(n / 17)),
                input("SQLite trigger bodies", SQLITE, n -> ("CREATE TRIGGER t AFTER INSERT ON x BEGIN "
                        + "UPDATE x SET a = CASE WHEN 1 THEN 2 END; END;\n").repeat(n / 90)),
                input("executable comments", MYSQL, n -> "/*!50100 SET @a = 1 */;   \n".repeat(n / 27)));
    }

    private static Arguments input(String name, DatabaseKind kind, IntFunction<String> make) {
        return Arguments.of(name, kind, make);
    }

    private static String seed(int size) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < size) {
            sb.append("INSERT INTO t (a, b) VALUES ('x;y', 'it''s'), (2, \"q\"); -- c\n/* d */ UPDATE t SET a = 1;\n");
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void charactersExaminedPerInputCharacterStayBounded(String name, DatabaseKind kind, IntFunction<String> make) {
        List<String> figures = new ArrayList<>();
        double worst = 0;
        for (int size = SMALLEST, i = 0; i <= DOUBLINGS; size *= 2, i++) {
            String text = make.apply(size);
            double perChar = (double) SqlSplitter.examinedCharacters(text, kind) / text.length();
            figures.add(String.format("%d chars: %.2f", text.length(), perChar));
            worst = Math.max(worst, perChar);
        }
        System.err.println("splitter, " + name + ": " + figures);
        assertTrue(worst <= BOUND, name + ": characters examined per input character " + figures);
    }
}
