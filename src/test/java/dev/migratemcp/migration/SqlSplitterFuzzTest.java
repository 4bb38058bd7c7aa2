package dev.migratemcp.migration;

import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.migratemcp.dialect.DatabaseKind.MYSQL;
import static dev.migratemcp.dialect.DatabaseKind.POSTGRESQL;
import static dev.migratemcp.dialect.DatabaseKind.SQLITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded fuzzing of the splitter, per dialect. Most inputs are scripts built piece by piece (statements, strings
 * with escapes, quoted identifiers, comments, dollar quotes, DELIMITER, trigger and procedure bodies, executable
 * comments, long white space), so the generator knows which characters are SQL and where each statement starts: the
 * split must give exactly those statements, each holding every one of its non-comment characters in order, on the
 * right line. The rest are random garbage over SQL's special characters: the only error allowed is
 * {@link SqlSplitException}, and what comes back is still the input's own text in order.
 *
 * <p>{@code -Dsplitter.fuzz.inputs=N} runs N inputs per dialect (default 12,000), {@code -Dsplitter.fuzz.seed=S}
 * another seed; a failure names the seed and input number that reproduce it.
 */
class SqlSplitterFuzzTest {

    private static final int INPUTS = Integer.getInteger("splitter.fuzz.inputs", 12_000);
    private static final long SEED = Long.getLong("splitter.fuzz.seed", 20261201L);

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void generatedScriptsSplitIntoTheirStatements(DatabaseKind kind) {
        long started = System.nanoTime();
        int built = 0;
        int garbage = 0;
        int refused = 0;
        for (int i = 0; i < INPUTS; i++) {
            Random random = new Random(SEED * 31 + i * 7919L + kind.ordinal());
            String where = kind.id() + " input " + i + " (seed " + SEED + ")";
            if (random.nextInt(6) == 0) {
                garbage++;
                refused += checkGarbage(random, kind, where) ? 0 : 1;
            } else {
                built++;
                checkScript(new Script(random, kind), where);
            }
        }
        System.err.printf("splitter fuzz, %s: %d built scripts, %d garbage inputs (%d refused with "
                        + "SqlSplitException), %d ms%n", kind.id(), built, garbage, refused,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static void checkScript(Script script, String where) {
        String text = script.text.toString();
        List<SqlStatement> split;
        try {
            split = SqlSplitter.split(text, script.kind);
        } catch (SqlSplitException | RuntimeException e) {
            throw new AssertionError(where + ": " + e + "\n--- input ---\n" + text, e);
        }
        if (split.size() != script.statements.size()) {
            fail(where + ": expected " + script.statements.size() + " statements, got " + split.size() + ": "
                    + split.stream().map(SqlStatement::sql).toList() + "\n--- input ---\n" + text);
        }
        for (int s = 0; s < split.size(); s++) {
            Expected expected = script.statements.get(s);
            SqlStatement got = split.get(s);
            String context = where + ", statement " + (s + 1) + "\n--- got ---\n" + got.sql() + "\n--- input ---\n"
                    + text;
            assertTrue(isSubsequence(expected.code.toString(), nonBlank(got.sql())),
                    "lost SQL characters: expected in order " + expected.code + "\n" + context);
            assertEquals(expected.line, got.line(), "line of " + context);
            assertEquals(got.sql().strip(), got.sql(), context);
        }
    }

    /** @return true when the garbage split, false when it was refused with the documented error */
    private static boolean checkGarbage(Random random, DatabaseKind kind, String where) {
        String text = garbage(random, kind);
        List<SqlStatement> split;
        try {
            split = SqlSplitter.split(text, kind);
        } catch (SqlSplitException e) {
            assertTrue(e.line() >= 1, where + ": error line " + e.line());
            return false;
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": " + e + "\n--- input ---\n" + text, e);
        }
        StringBuilder joined = new StringBuilder();
        int previousLine = 0;
        for (SqlStatement st : split) {
            assertTrue(!st.sql().isEmpty() && st.sql().equals(st.sql().strip()), where + ": " + st);
            assertTrue(st.line() >= previousLine, where + ": lines go backwards");
            previousLine = st.line();
            joined.append(st.sql());
        }
        assertTrue(isSubsequence(nonBlank(joined.toString()), nonBlank(text)),
                where + ": statements hold text the input does not\n--- input ---\n" + text);
        return true;
    }

    private static String garbage(Random random, DatabaseKind kind) {
        String[] pieces = {"'", "\"", "`", "[", "]", ";", "$", "$$", "$a$", "--", "-- ", "#", "/*", "*/", "/*!",
                "/*!50100 ", "/*M!", "\\", "(", ")", "\n", " ", "\t", "\r\n", "BEGIN", "END", "IF", "THEN", "ELSE",
                "CASE", "REPEAT", "LOOP", "WHILE", "DO", "ATOMIC", "CREATE", "TRIGGER", "PROCEDURE", "FUNCTION",
                "\nDELIMITER $$\n", "\nDELIMITER ;\n", "E'", "x", "1", ":", ",", "END IF", "ROW"};
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(60);
        for (int i = 0; i < n; i++) {
            sb.append(pieces[random.nextInt(pieces.length)]);
            if (random.nextInt(4) == 0) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    private static String nonBlank(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                sb.append(s.charAt(i));
            }
        }
        return sb.toString();
    }

    private static boolean isSubsequence(String needle, String haystack) {
        int j = 0;
        for (int i = 0; i < haystack.length() && j < needle.length(); i++) {
            if (haystack.charAt(i) == needle.charAt(j)) {
                j++;
            }
        }
        return j == needle.length();
    }

    /** What one statement must come back as: its SQL characters (no white space) and its first line. */
    private static final class Expected {
        final StringBuilder code = new StringBuilder();
        int line;
    }

    /** A script built piece by piece, knowing which characters are SQL and which are comments. */
    private static final class Script {

        private static final String[] WORDS = {"SELECT", "a", "b1", "t", "FROM", "WHERE", "x_y", "42", "=", "+", "*",
                ",", "(", ")", "<", ">", "NULL", "AND", "begin_at", "end_date", "ifnull", "iff", "loops", "1.5", "|",
                "!", "?", "@v", "%", "&", ":x", "case_no", "E", "e"};

        final Random random;
        final DatabaseKind kind;
        final StringBuilder text = new StringBuilder();
        final List<Expected> statements = new ArrayList<>();
        private String delimiter = ";";
        private Expected current;
        private int line = 1;
        private int depth;

        Script(Random random, DatabaseKind kind) {
            this.random = random;
            this.kind = kind;
            int count = 1 + random.nextInt(8);
            between();
            for (int i = 0; i < count; i++) {
                if (kind == MYSQL && random.nextInt(8) == 0) {
                    switchDelimiter();
                }
                statement();
                boolean last = i == count - 1;
                if (!last || random.nextBoolean()) {
                    raw(delimiter);
                }
                current = null;
                if (random.nextInt(10) == 0 && ";".equals(delimiter)) {
                    raw(";"); // an empty statement
                }
                between();
            }
        }

        // ---- what goes where ------------------------------------------------------------------------------------

        /** SQL characters of the current statement; the first one starts it. */
        private void code(String s) {
            if (current == null) {
                current = new Expected();
                current.line = line;
                statements.add(current);
            }
            current.code.append(nonBlank(s));
            raw(s);
        }

        private void raw(String s) {
            text.append(s);
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                }
            }
        }

        private void space() {
            switch (random.nextInt(12)) {
                case 0 -> raw("\n");
                case 1 -> raw("\t");
                case 2 -> raw("\r\n  ");
                case 3 -> raw(" ".repeat(1 + random.nextInt(200)));
                default -> raw(" ");
            }
        }

        /** Between statements: white space and comments, which are dropped. */
        private void between() {
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                if (random.nextInt(3) == 0) {
                    comment();
                }
                space();
            }
            raw(random.nextBoolean() ? "\n" : " ");
        }

        private void switchDelimiter() {
            String next = ";".equals(delimiter) ? (random.nextBoolean() ? "$$" : "//") : ";";
            raw("\n" + (random.nextBoolean() ? "DELIMITER " : "delimiter ") + next + "\n");
            delimiter = next;
        }

        // ---- statements -----------------------------------------------------------------------------------------

        private void statement() {
            int choice = random.nextInt(10);
            switch (choice) {
                case 0, 1 -> compound();
                case 2 -> {
                    if (kind == MYSQL) {
                        executableComment();
                        if (random.nextBoolean()) {
                            return;
                        }
                    }
                    plain();
                }
                default -> plain();
            }
        }

        private void plain() {
            code(random.nextBoolean() ? "SELECT" : random.nextBoolean() ? "INSERT INTO t VALUES (" : "UPDATE t SET");
            int n = 1 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                space();
                piece();
            }
        }

        /** One token of a plain statement. */
        private void piece() {
            switch (random.nextInt(14)) {
                case 0, 1 -> string();
                case 2 -> quotedIdentifier();
                case 3 -> {
                    comment();
                    space();
                }
                case 4 -> {
                    if (kind == POSTGRESQL) {
                        dollarQuoted();
                    } else {
                        word();
                    }
                }
                case 5 -> {
                    if (kind == MYSQL && depth == 0) {
                        executableComment();
                    } else {
                        word();
                    }
                }
                default -> word();
            }
        }

        private void word() {
            code(WORDS[random.nextInt(WORDS.length)]);
        }

        private void string() {
            String content = junk(false);
            switch (kind) {
                case MYSQL -> {
                    String escapes = random.nextBoolean() ? "\\'" : random.nextBoolean() ? "\\\\" : "''";
                    code(random.nextBoolean() ? "'" + content + escapes + content + "'"
                            : "\"" + content.replace("\"", "") + "\\\"" + content.replace("\"", "") + "\"");
                }
                case POSTGRESQL -> code(random.nextBoolean() ? "'" + content + "\\'" // a standard string ends here
                        : "E'" + content + "\\'" + content + "'");
                case SQLITE -> code("'" + content + "\\'");
            }
        }

        private void quotedIdentifier() {
            String content = junk(false).replace("'", "");
            switch (kind) {
                case MYSQL -> code("`" + content.replace("`", "``") + "`");
                case POSTGRESQL -> code("\"" + content.replace("\"", "\"\"") + "\"");
                case SQLITE -> code(random.nextBoolean() ? "[" + content.replace("]", "") + "]"
                        : "\"" + content.replace("\"", "\"\"") + "\"");
            }
        }

        private void dollarQuoted() {
            String tag = random.nextBoolean() ? "$$" : "$body$";
            code(tag + junk(true).replace("$", "") + tag);
        }

        private void executableComment() {
            String opener = switch (random.nextInt(3)) {
                case 0 -> "/*!";
                case 1 -> "/*!50100 ";
                default -> "/*M!100100 ";
            };
            code(opener + "SET @a = 'x;y' ; " + (random.nextBoolean() ? "CREATE TABLE t (a INT)" : "SELECT 1")
                    + " */");
        }

        /** A comment: dropped between statements, kept inside one; it never holds SQL the check counts. */
        private void comment() {
            String content = junk(false).replaceAll("[\\n\\r/*]", " ");
            switch (random.nextInt(kind == MYSQL ? 3 : 2)) {
                case 0 -> raw("-- " + content + "\n");
                case 1 -> raw("/* " + content + (kind == POSTGRESQL && random.nextBoolean()
                        ? " /* nested; */ more" : "") + " */");
                default -> raw("# " + content + "\n");
            }
        }

        /** Text that may hold anything special to the splitter; quotes doubled so it stays inside its string. */
        private String junk(boolean newlines) {
            String[] parts = {";", "--", "/*", "*/", "$$", "END", "BEGIN", "$", "#", "a", " ", "DELIMITER", "'",
                    "\"", "`", "IF (", "THEN", "\n"};
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(8);
            for (int i = 0; i < n; i++) {
                String p = parts[random.nextInt(parts.length)];
                if (p.equals("\n") && !newlines && random.nextBoolean()) {
                    continue;
                }
                sb.append(p);
            }
            return sb.toString().replace("'", "''").replace("\\", "");
        }

        // ---- compound bodies ------------------------------------------------------------------------------------

        private void compound() {
            switch (kind) {
                case SQLITE -> sqliteTrigger();
                case POSTGRESQL -> postgresRoutine();
                case MYSQL -> mysqlProgram();
            }
        }

        private void sqliteTrigger() {
            code("CREATE " + (random.nextBoolean() ? "TEMP " : "") + "TRIGGER trg AFTER INSERT ON t");
            space();
            code("BEGIN");
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                space();
                code("UPDATE t SET a = CASE WHEN x THEN 'END' ELSE 1 END");
                if (random.nextBoolean()) {
                    space();
                    piece();
                }
                code(";");
            }
            space();
            code("END");
        }

        private void postgresRoutine() {
            switch (random.nextInt(3)) {
                case 0 -> {
                    code("CREATE FUNCTION f() RETURNS trigger AS $fn$ BEGIN NEW.x := 'a;b'; -- no end;\n");
                    code(junk(true).replace("$", "") + " RETURN NEW; END; $fn$ LANGUAGE plpgsql");
                }
                case 1 -> code("DO $$ BEGIN PERFORM 1; " + junk(true).replace("$", "") + " END $$");
                default -> {
                    code("CREATE FUNCTION g(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC");
                    space();
                    code("SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;");
                    space();
                    piece();
                    code("; END");
                }
            }
        }

        private void mysqlProgram() {
            if (random.nextInt(4) == 0) {
                code("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW");
                space();
                if (random.nextBoolean()) {
                    code("SET NEW.v = IF(NEW.v IS NULL, 'd;', NEW.v)");
                    return;
                }
            } else {
                code(random.nextBoolean() ? "CREATE DEFINER=`root`@`%` PROCEDURE p(IN n INT)"
                        : "CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC");
                space();
            }
            block(0);
        }

        private void block(int nesting) {
            code("BEGIN");
            depth++;
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                space();
                bodyStatement(nesting);
            }
            space();
            code("END");
            depth--;
        }

        private void bodyStatement(int nesting) {
            int choice = nesting > 2 ? 0 : random.nextInt(9);
            switch (choice) {
                case 1 -> {
                    code("IF " + condition() + " THEN");
                    space();
                    bodyStatement(nesting + 1);
                    if (random.nextBoolean()) {
                        code(" ELSEIF " + condition() + " THEN ");
                        bodyStatement(nesting + 1);
                    }
                    if (random.nextBoolean()) {
                        code(" ELSE IF " + condition() + " THEN ");
                        bodyStatement(nesting + 1);
                        code(" END IF;");
                    }
                    code(" END IF;");
                }
                case 2 -> {
                    code("WHILE " + condition() + " DO ");
                    bodyStatement(nesting + 1);
                    code(" END WHILE;");
                }
                case 3 -> {
                    code("lbl: LOOP ");
                    bodyStatement(nesting + 1);
                    code(" LEAVE lbl; END LOOP lbl;");
                }
                case 4 -> {
                    code("REPEAT ");
                    bodyStatement(nesting + 1);
                    code(" UNTIL " + condition() + " END REPEAT;");
                }
                case 5 -> {
                    code("CASE WHEN " + condition() + " THEN ");
                    bodyStatement(nesting + 1);
                    code(" ELSE BEGIN END; END CASE;");
                }
                case 6 -> {
                    block(nesting + 1);
                    code(";");
                }
                case 7 -> code("SET @s = CASE i WHEN 3 THEN IF(a, 'x;', REPEAT('y', 2)) ELSE 'END' END;");
                default -> {
                    code("SET r = IF(x > 0, 1, -1)");
                    space();
                    piece();
                    code(";");
                }
            }
        }

        private String condition() {
            return switch (random.nextInt(4)) {
                case 0 -> "(i % 2 = 0)";
                case 1 -> "IF(a, 1, 0) > 0";
                case 2 -> "x = 'then;'";
                default -> "i > n";
            };
        }
    }
}
