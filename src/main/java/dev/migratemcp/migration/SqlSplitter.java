package dev.migratemcp.migration;

import dev.migratemcp.dialect.DatabaseKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits SQL text into statements the way the database itself would read it, in one pass.
 *
 * <p>A semicolon ends a statement only outside quoted strings and identifiers, comments, PostgreSQL dollar-quoted
 * bodies and compound bodies (SQLite trigger bodies, PostgreSQL {@code BEGIN ATOMIC}, MySQL stored programs). MySQL
 * text may also change the delimiter with the client's {@code DELIMITER} command, as dumps do, and holds executable
 * comments ({@code /*! ... *}{@code /}, {@code /*!50100 ... *}{@code /}, MariaDB's {@code /*M! ... *}{@code /}): they
 * are SQL for the server, so they start or continue a statement like any other token and no delimiter ends a
 * statement inside one. Each statement is returned from its first token (leading comments dropped) up to its
 * delimiter, with the line it starts on.
 *
 * <p>The pass is linear: no character is read more than a few times, whatever the input (the scan counts what it
 * examines, and a test holds that count per input character bounded as inputs grow).
 */
public final class SqlSplitter {

    private SqlSplitter() {
    }

    public static List<SqlStatement> split(String sql, DatabaseKind kind) throws SqlSplitException {
        return new Scan(sql, kind).run();
    }

    /** How many characters a split of {@code sql} examines, error or not: the measure of the splitter's work. */
    static long examinedCharacters(String sql, DatabaseKind kind) {
        Scan scan = new Scan(sql, kind);
        try {
            scan.run();
        } catch (SqlSplitException e) {
            // the work done up to the error is what is measured
        }
        return scan.examined;
    }

    /** The state of one pass over the text. */
    private static final class Scan {

        private static final Set<String> MYSQL_COMPOUND_OBJECTS = Set.of("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT");
        private static final Set<String> POSTGRES_ROUTINES = Set.of("FUNCTION", "PROCEDURE");
        private static final Set<String> PLAIN_OBJECTS = Set.of("TABLE", "VIEW", "INDEX", "DATABASE", "SCHEMA",
                "SEQUENCE", "TYPE", "USER", "ROLE", "EXTENSION", "DOMAIN", "SERVER", "TABLESPACE", "MATERIALIZED");
        /** Words that END may close in MySQL ({@code END IF}, {@code END LOOP}, ...). */
        private static final Set<String> MYSQL_END_SUFFIXES = Set.of("IF", "CASE", "LOOP", "WHILE", "REPEAT", "FOR");
        /** After these words a new statement starts inside a MySQL compound body. */
        private static final Set<String> MYSQL_STATEMENT_STARTERS = Set.of("BEGIN", "THEN", "ELSE", "DO", "LOOP",
                "REPEAT", "ROW");

        private final String text;
        private final DatabaseKind kind;
        private final int length;
        private final List<SqlStatement> out = new ArrayList<>();
        /** Characters read so far, by every loop and library search of the scan. */
        long examined;

        private int pos;
        private int line = 1;
        private String delimiter = ";";

        // the statement being read
        private int start = -1;
        private int startLine;
        private int wordsSeen;
        private String firstWord;
        private String previousWord;
        /** null until the statement's kind is known; true for trigger/routine statements with compound bodies. */
        private Boolean compound;
        private int depth;
        private int bodyLine;
        private boolean afterEnd;
        private boolean atStatementStart;
        /** Open parentheses of the statement, outside strings and comments. */
        private int parens;
        /** Line of the executable comment the scan is inside, or 0. */
        private int executableCommentLine;
        /**
         * MySQL IFs at a statement's start whose kind is not known yet: the IF statement reaches THEN at its own
         * parenthesis level, the IF() function does not before a semicolon or the parenthesis around it closes.
         * Decided as the scan reaches that point, so nothing is read ahead. Levels never decrease towards the top.
         */
        private final Deque<PendingIf> pendingIfs = new ArrayDeque<>();

        private record PendingIf(int parens, int line) {
        }

        Scan(String text, DatabaseKind kind) {
            this.text = text;
            this.kind = kind;
            this.length = text.length();
        }

        List<SqlStatement> run() throws SqlSplitException {
            while (pos < length) {
                char c = at(pos);
                if (kind == DatabaseKind.MYSQL && start < 0 && atLineStart() && delimiterCommand()) {
                    continue;
                }
                if (c == '\n') {
                    line++;
                    pos++;
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (executableCommentLine > 0 && c == '*' && peek(1) == '/') {
                    executableCommentLine = 0;
                    pos += 2;
                    afterPunctuation(c);
                } else if (startsLineComment()) {
                    skipToLineEnd();
                } else if (c == '/' && peek(1) == '*') {
                    int opener = executableCommentOpener();
                    if (opener > 0) {
                        begin();
                        executableCommentLine = line;
                        pos += opener;
                        afterPunctuation(c);
                    } else {
                        skipBlockComment();
                    }
                } else if (atDelimiter()) {
                    endStatement(pos);
                    pos += delimiter.length();
                } else {
                    begin();
                    token(c);
                }
            }
            if (executableCommentLine > 0) {
                throw new SqlSplitException("unterminated /*! executable comment */", executableCommentLine);
            }
            if (start >= 0) {
                if (depth > 0 && ";".equals(delimiter)) {
                    throw new SqlSplitException("unterminated BEGIN ... END body (the statement starts at line "
                            + startLine + ")", bodyLine);
                }
                endStatement(length);
            }
            return out;
        }

        // ---- tokens ---------------------------------------------------------------------------------------------

        private void token(char c) throws SqlSplitException {
            if (c == '\'') {
                boolean backslashes = kind == DatabaseKind.MYSQL || isPostgresEscapeString();
                skipQuoted('\'', backslashes, "string");
                afterPunctuation(c);
            } else if (c == '"') {
                boolean isString = kind == DatabaseKind.MYSQL;
                skipQuoted('"', isString, isString ? "string" : "quoted identifier");
                afterPunctuation(c);
            } else if (c == '`' && kind != DatabaseKind.POSTGRESQL) {
                skipQuoted('`', false, "quoted identifier");
                afterPunctuation(c);
            } else if (c == '[' && kind == DatabaseKind.SQLITE) {
                skipBracketIdentifier();
                afterPunctuation(c);
            } else if (c == '$' && kind == DatabaseKind.POSTGRESQL && dollarTagLength() > 0) {
                skipDollarQuoted();
                afterPunctuation(c);
            } else if (isWordStart(c)) {
                int from = pos;
                // a custom delimiter may follow a word directly ("END$$"), and '$' is a word character in MySQL
                while (pos < length && isWordPart(at(pos)) && !delimiterAt(pos)) {
                    pos++;
                }
                if (tracking()) {
                    examined += pos - from;
                    word(text.substring(from, pos).toUpperCase(Locale.ROOT));
                } else {
                    afterEnd = false;
                    atStatementStart = false;
                }
            } else {
                pos++;
                afterPunctuation(c);
            }
        }

        /** E'...' and e'...' are PostgreSQL's strings with backslash escapes; the E must stand alone as a prefix. */
        private boolean isPostgresEscapeString() {
            if (kind != DatabaseKind.POSTGRESQL || pos == 0) {
                return false;
            }
            char prefix = at(pos - 1);
            if (prefix != 'E' && prefix != 'e') {
                return false;
            }
            return pos - 2 < 0 || !isWordPart(at(pos - 2));
        }

        private void skipQuoted(char quote, boolean backslashEscapes, String what) throws SqlSplitException {
            int openLine = line;
            pos++;
            while (pos < length) {
                char c = at(pos);
                if (c == '\n') {
                    line++;
                } else if (c == '\\' && backslashEscapes) {
                    if (peek(1) == '\n') {
                        line++;
                    }
                    pos += 2;
                    continue;
                } else if (c == quote) {
                    if (peek(1) == quote) {
                        pos += 2; // doubled quote stands for itself
                        continue;
                    }
                    pos++;
                    return;
                }
                pos++;
            }
            throw new SqlSplitException("unterminated " + what + " (opened with " + quote + ")", openLine);
        }

        private void skipBracketIdentifier() throws SqlSplitException {
            int openLine = line;
            int close = find("]", pos + 1);
            if (close < 0) {
                throw new SqlSplitException("unterminated [bracketed identifier]", openLine);
            }
            countLines(pos, close);
            pos = close + 1;
        }

        /** Length of a {@code $tag$} opener at pos, or 0 when the dollar sign is not one (e.g. {@code $1}). */
        private int dollarTagLength() {
            if (pos > 0 && isWordPart(at(pos - 1))) {
                return 0; // part of an identifier such as a$b
            }
            int i = pos + 1;
            if (i < length && Character.isDigit(at(i))) {
                return 0;
            }
            while (i < length && (Character.isLetterOrDigit(at(i)) || at(i) == '_')) {
                i++;
            }
            return i < length && at(i) == '$' ? i - pos + 1 : 0;
        }

        private void skipDollarQuoted() throws SqlSplitException {
            int openLine = line;
            int tagLength = dollarTagLength();
            examined += tagLength;
            String tag = text.substring(pos, pos + tagLength);
            int close = find(tag, pos + tag.length());
            if (close < 0) {
                throw new SqlSplitException("unterminated dollar-quoted body " + tag, openLine);
            }
            countLines(pos, close);
            pos = close + tag.length();
        }

        private boolean startsLineComment() {
            char c = at(pos);
            if (c == '#' && kind == DatabaseKind.MYSQL) {
                return true;
            }
            if (c != '-' || peek(1) != '-') {
                return false;
            }
            // MySQL reads "--" as a comment only when followed by white space: "1--1" is arithmetic there
            if (kind == DatabaseKind.MYSQL) {
                char next = peek(2);
                return next == 0 || Character.isWhitespace(next) || Character.isISOControl(next);
            }
            return true;
        }

        private void skipToLineEnd() {
            int end = find("\n", pos);
            pos = end < 0 ? length : end;
        }

        /**
         * Length of the MySQL executable comment opener at pos ({@code /*!}, {@code /*M!}, with the server version
         * that may follow), or 0 when the comment is an ordinary one.
         */
        private int executableCommentOpener() {
            if (kind != DatabaseKind.MYSQL || executableCommentLine > 0) {
                return 0;
            }
            int i = pos + 2;
            if (peek(2) == 'M' && peek(3) == '!') {
                i += 2;
            } else if (peek(2) == '!') {
                i++;
            } else {
                return 0;
            }
            while (i < length && Character.isDigit(at(i))) {
                i++;
            }
            return i - pos;
        }

        private void skipBlockComment() throws SqlSplitException {
            int openLine = line;
            boolean nests = kind == DatabaseKind.POSTGRESQL;
            int nesting = 0;
            pos += 2;
            while (pos < length) {
                char c = at(pos);
                if (c == '\n') {
                    line++;
                } else if (c == '*' && peek(1) == '/') {
                    pos += 2;
                    if (nesting == 0) {
                        return;
                    }
                    nesting--;
                    continue;
                } else if (nests && c == '/' && peek(1) == '*') {
                    nesting++;
                    pos += 2;
                    continue;
                }
                pos++;
            }
            throw new SqlSplitException("unterminated /* block comment */", openLine);
        }

        // ---- statements and compound bodies ---------------------------------------------------------------------

        private void begin() {
            if (start < 0) {
                start = pos;
                startLine = line;
                wordsSeen = 0;
                firstWord = null;
                previousWord = null;
                compound = null;
                depth = 0;
                afterEnd = false;
                atStatementStart = false;
                parens = 0;
                pendingIfs.clear();
            }
        }

        private boolean atDelimiter() {
            if (executableCommentLine > 0 || !delimiterAt(pos)) {
                return false;
            }
            // a custom DELIMITER ends statements whatever they hold; ';' only outside compound bodies
            return !";".equals(delimiter) || depth == 0;
        }

        private boolean delimiterAt(int i) {
            if (at(i) != delimiter.charAt(0)) {
                return false;
            }
            examined += delimiter.length() - 1;
            return text.startsWith(delimiter, i);
        }

        private void endStatement(int end) {
            if (start >= 0) {
                examined += end - start;
                String sql = text.substring(start, end).strip();
                if (!sql.isEmpty()) {
                    out.add(new SqlStatement(sql, startLine));
                }
            }
            start = -1;
            depth = 0;
        }

        /**
         * Words matter only in statements that may hold a compound body: the first word, the header of a CREATE
         * statement, and what follows once it is known to be a trigger or routine. Everything else (nearly every word
         * of nearly every migration) is skipped without being copied.
         */
        private boolean tracking() {
            return firstWord == null || "CREATE".equals(firstWord) && !Boolean.FALSE.equals(compound);
        }

        private void word(String upper) {
            wordsSeen++;
            if (firstWord == null) {
                firstWord = upper;
            }
            if (compound == null && "CREATE".equals(firstWord) && wordsSeen > 1) {
                if (PLAIN_OBJECTS.contains(upper)) {
                    compound = false;
                } else if (kind == DatabaseKind.SQLITE && upper.equals("TRIGGER")
                        || kind == DatabaseKind.MYSQL && MYSQL_COMPOUND_OBJECTS.contains(upper)
                        || kind == DatabaseKind.POSTGRESQL && POSTGRES_ROUTINES.contains(upper)) {
                    compound = true;
                } else if (kind == DatabaseKind.POSTGRESQL && upper.equals("TRIGGER")) {
                    compound = false; // PostgreSQL triggers call functions; they have no body of their own
                }
            }
            switch (kind) {
                case SQLITE -> sqliteWord(upper);
                case POSTGRESQL -> postgresWord(upper);
                case MYSQL -> mysqlWord(upper);
            }
            previousWord = upper;
        }

        /** SQLite: only CREATE TRIGGER has a body; CASE expressions inside it end with END too. */
        private void sqliteWord(String upper) {
            if (!Boolean.TRUE.equals(compound)) {
                return;
            }
            if (upper.equals("BEGIN") || upper.equals("CASE") && depth > 0) {
                open(line);
            } else if (upper.equals("END") && depth > 0) {
                depth--;
            }
        }

        /** PostgreSQL: bodies are dollar-quoted, except SQL-standard BEGIN ATOMIC ... END bodies. */
        private void postgresWord(String upper) {
            if (upper.equals("ATOMIC") && "BEGIN".equals(previousWord)) {
                open(line);
            } else if (depth > 0 && upper.equals("CASE")) {
                open(line);
            } else if (depth > 0 && upper.equals("END")) {
                depth--;
            }
        }

        /** MySQL stored programs: BEGIN/END, control flow closed by END IF/LOOP/..., CASE closed by END (CASE). */
        private void mysqlWord(String upper) {
            if (!Boolean.TRUE.equals(compound)) {
                return;
            }
            boolean statementStart = atStatementStart;
            atStatementStart = MYSQL_STATEMENT_STARTERS.contains(upper);
            if (afterEnd) {
                afterEnd = false;
                if (MYSQL_END_SUFFIXES.contains(upper)) {
                    atStatementStart = false;
                    return; // END IF, END LOOP, ...: the END already closed the block
                }
            }
            switch (upper) {
                case "BEGIN", "CASE" -> open(line);
                case "END" -> {
                    if (depth > 0) {
                        depth--;
                    }
                    afterEnd = true;
                }
                case "LOOP", "WHILE", "FOR" -> {
                    if (statementStart) {
                        open(line);
                    }
                }
                case "REPEAT" -> {
                    if (statementStart && nextSignificant() != '(') {
                        open(line); // REPEAT('x', 3) is the string function
                    }
                }
                case "IF" -> {
                    if (statementStart) {
                        pendingIfs.push(new PendingIf(parens, line));
                    }
                }
                case "THEN" -> {
                    // every IF still undecided at this level reached its THEN: each opens a block
                    while (!pendingIfs.isEmpty() && pendingIfs.peek().parens() == parens) {
                        open(pendingIfs.pop().line());
                    }
                }
                default -> {
                    // any other word: nothing opens or closes
                }
            }
        }

        /** @param openingLine the line of the word that opens the block, named when the body is never closed */
        private void open(int openingLine) {
            if (depth == 0) {
                bodyLine = openingLine;
            }
            depth++;
        }

        private void afterPunctuation(char c) {
            afterEnd = false;
            // a label ("outer: LOOP") or a statement end inside a body puts the next word at a statement's start
            atStatementStart = c == ':' || c == ';';
            if (c == '(') {
                parens++;
            } else if (c == ')') {
                parens--;
                // an IF inside parentheses that close before any THEN was the IF() function
                while (!pendingIfs.isEmpty() && pendingIfs.peek().parens() > parens) {
                    pendingIfs.pop();
                }
            } else if (c == ';') {
                pendingIfs.clear(); // the statements those IFs began ended without THEN: IF() functions
            }
        }

        /** The next character after white space; at most the white space that the main loop reads next anyway. */
        private char nextSignificant() {
            for (int i = pos; i < length; i++) {
                char c = at(i);
                if (!Character.isWhitespace(c)) {
                    return c;
                }
            }
            return 0;
        }

        // ---- the MySQL client's DELIMITER command ---------------------------------------------------------------

        /** The DELIMITER command is looked for once per line, where the line starts. */
        private boolean atLineStart() {
            return pos == 0 || at(pos - 1) == '\n';
        }

        /** Reads "DELIMITER xx" on a line of its own; returns true when it was one (and skips the line). */
        private boolean delimiterCommand() {
            int i = pos;
            while (i < length && at(i) != '\n' && Character.isWhitespace(at(i))) {
                i++;
            }
            examined += Math.min(9, length - i);
            if (!text.regionMatches(true, i, "DELIMITER", 0, 9)) {
                return false;
            }
            int after = i + 9;
            if (after >= length || !(at(after) == ' ' || at(after) == '\t')) {
                return false;
            }
            int end = find("\n", after);
            if (end < 0) {
                end = length;
            }
            examined += end - after;
            String value = text.substring(after, end).strip();
            if (value.isEmpty() || value.contains(" ")) {
                return false;
            }
            delimiter = value;
            pos = end;
            return true;
        }

        // ---- characters and lines -------------------------------------------------------------------------------

        /** Every read of a character goes through here (or is added to {@link #examined} by its caller). */
        private char at(int i) {
            examined++;
            return text.charAt(i);
        }

        private char peek(int ahead) {
            int i = pos + ahead;
            return i < length ? at(i) : 0;
        }

        /** {@link String#indexOf(String, int)}, counting what it reads. */
        private int find(String what, int from) {
            int found = text.indexOf(what, from);
            examined += (found < 0 ? length : found + what.length()) - from;
            return found;
        }

        private void countLines(int from, int to) {
            for (int i = from; i < to; i++) {
                if (at(i) == '\n') {
                    line++;
                }
            }
        }

        private static boolean isWordStart(char c) {
            return Character.isLetter(c) || c == '_';
        }

        private static boolean isWordPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }
}
