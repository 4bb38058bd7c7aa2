package dev.migratemcp.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words, names and punctuation of one DDL statement, comments and string literals skipped, for
 * {@link StatementEffect} to read what the statement creates, alters or drops. A quoted identifier ({@code `a b`},
 * {@code "a b"}, {@code [a b]}) is one name, its quotes gone; a qualified name {@code db.t} reads as {@code t}.
 */
final class DdlTokens {

    /** A token: {@code word} is the text upper-cased for keyword tests (null for a quoted name). */
    record Token(String text, String word) {
        boolean is(String keyword) {
            return keyword.equals(word);
        }
    }

    private final List<Token> tokens;
    private int pos;

    private DdlTokens(List<Token> tokens) {
        this.tokens = tokens;
    }

    static DdlTokens of(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || ch == '#') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (ch == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (ch == '\'') {
                i = skipQuoted(sql, i, '\'');
            } else if (ch == '`' || ch == '"' || ch == '[') {
                char close = ch == '[' ? ']' : ch;
                int end = skipQuoted(sql, i, close);
                String name = sql.substring(i + 1, Math.max(i + 1, end - 1))
                        .replace(String.valueOf(close) + close, String.valueOf(close));
                out.add(new Token(name, null));
                i = end;
            } else if (Character.isLetterOrDigit(ch) || ch == '_' || ch == '$') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                String text = sql.substring(start, i);
                out.add(new Token(text, text.toUpperCase(Locale.ROOT)));
            } else {
                out.add(new Token(String.valueOf(ch), String.valueOf(ch)));
                i++;
            }
        }
        return new DdlTokens(out);
    }

    /** The index just past the closing quote (a doubled quote is an escaped one). */
    private static int skipQuoted(String sql, int open, char close) {
        int i = open + 1;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '\\' && close == '\'') {
                i += 2;
                continue;
            }
            if (ch == close) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == close) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    boolean atEnd() {
        return pos >= tokens.size() || tokens.get(pos).is(";");
    }

    Token peek() {
        return atEnd() ? new Token("", "") : tokens.get(pos);
    }

    /** Consumes the next token, whatever it is. */
    void skip() {
        if (!atEnd()) {
            pos++;
        }
    }

    /** Consumes the next token when it is {@code keyword}. */
    boolean accept(String keyword) {
        if (!atEnd() && tokens.get(pos).is(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes the keywords when they come in this order, else nothing. */
    boolean accept(String... keywords) {
        for (int k = 0; k < keywords.length; k++) {
            if (pos + k >= tokens.size() || !tokens.get(pos + k).is(keywords[k])) {
                return false;
            }
        }
        pos += keywords.length;
        return true;
    }

    /** A name, qualified or not; the last part is returned. Null when none is next. */
    String name() {
        if (atEnd() || !isName(tokens.get(pos))) {
            return null;
        }
        String last = tokens.get(pos++).text();
        while (pos + 1 < tokens.size() && tokens.get(pos).is(".") && isName(tokens.get(pos + 1))) {
            last = tokens.get(pos + 1).text();
            pos += 2;
        }
        return last;
    }

    private static boolean isName(Token t) {
        return t.word() == null || !t.text().isEmpty() && (Character.isLetter(t.text().charAt(0))
                || t.text().charAt(0) == '_');
    }

    /** The names in a parenthesised list such as {@code (a, b)}, or null when no list is next. */
    List<String> nameList() {
        if (!accept("(")) {
            return null;
        }
        List<String> names = new ArrayList<>();
        int depth = 1;
        boolean expectName = true;
        while (!atEnd() && depth > 0) {
            Token t = tokens.get(pos);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            } else if (t.is(",") && depth == 1) {
                expectName = true;
                pos++;
                continue;
            } else if (expectName && depth == 1) {
                names.add(t.text());
                expectName = false;
            }
            pos++;
        }
        return names;
    }

    /** Skips to the next comma outside parentheses (consumed) or the end; false at the end. */
    boolean nextClause() {
        int depth = 0;
        while (!atEnd()) {
            Token t = tokens.get(pos++);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            } else if (t.is(",") && depth == 0) {
                return true;
            }
        }
        return false;
    }
}
