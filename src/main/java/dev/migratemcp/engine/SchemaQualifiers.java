package dev.migratemcp.engine;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a statement names one of some schemas as the qualifier of a name ({@code app.t}, {@code "App".t},
 * {@code db.app.t}), read as PostgreSQL reads identifiers: a bare word folds to lower case and is a whole word
 * ({@code myapp.t} does not name {@code app}), a quoted one keeps its case and may hold anything, white space may
 * stand around the dot. String literals (plain, {@code E'...'} with its backslash escapes, dollar-quoted) and comments
 * hold no names. A schema written as a bare word is compared folded, so a schema whose name has capitals is found
 * only when quoted, as PostgreSQL would resolve it.
 */
final class SchemaQualifiers {

    private final String sql;
    private int at;

    private SchemaQualifiers(String sql) {
        this.sql = sql;
    }

    /** Whether {@code sql} names one of {@code schemas} (exact names, as the catalog has them) as a qualifier. */
    static boolean named(String sql, Set<String> schemas) {
        if (schemas.isEmpty()) {
            return false;
        }
        return new SchemaQualifiers(sql).find(schemas);
    }

    private boolean find(Set<String> schemas) {
        while (at < sql.length()) {
            char c = sql.charAt(at);
            String part = null;
            if (c == '"' || c == '`') {
                part = quoted(c);
            } else if (c == '\'') {
                literal(false);
            } else if ((c == 'E' || c == 'e') && next(1) == '\'' && !wordBefore()) {
                at++;
                literal(true);
            } else if (c == '$' && dollarQuote()) {
                continue;
            } else if (sql.startsWith("--", at)) {
                int end = sql.indexOf('\n', at);
                at = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", at)) {
                int end = sql.indexOf("*/", at + 2);
                at = end < 0 ? sql.length() : end + 2;
            } else if (isWordStart(c) && !wordBefore()) {
                int start = at;
                while (at < sql.length() && isWordChar(sql.charAt(at))) {
                    at++;
                }
                part = sql.substring(start, at).toLowerCase(Locale.ROOT);
            } else {
                at++;
            }
            if (part != null && schemas.contains(part) && dotFollows()) {
                return true;
            }
        }
        return false;
    }

    /** A quoted identifier from its opening quote; a doubled quote inside stands for one. */
    private String quoted(char quote) {
        StringBuilder name = new StringBuilder();
        at++;
        while (at < sql.length()) {
            char c = sql.charAt(at++);
            if (c != quote) {
                name.append(c);
            } else if (at < sql.length() && sql.charAt(at) == quote) {
                name.append(quote);
                at++;
            } else {
                return name.toString();
            }
        }
        return null; // unterminated: no name
    }

    /** Skips a string literal from its opening quote; {@code escapes}: a backslash escapes the next character. */
    private void literal(boolean escapes) {
        at++;
        while (at < sql.length()) {
            char c = sql.charAt(at++);
            if (escapes && c == '\\') {
                at++;
            } else if (c == '\'') {
                if (at < sql.length() && sql.charAt(at) == '\'') {
                    at++;
                } else {
                    return;
                }
            }
        }
    }

    /** Skips a dollar-quoted string ({@code $$...$$}, {@code $tag$...$tag$}) if one starts here. */
    private boolean dollarQuote() {
        int end = at + 1;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        if (end >= sql.length() || sql.charAt(end) != '$' || wordBefore()
                || end > at + 1 && Character.isDigit(sql.charAt(at + 1))) {
            return false; // $1 is a parameter, a$b a name
        }
        String tag = sql.substring(at, end + 1);
        int close = sql.indexOf(tag, end + 1);
        at = close < 0 ? sql.length() : close + tag.length();
        return true;
    }

    private boolean dotFollows() {
        int i = at;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '.';
    }

    private char next(int offset) {
        return at + offset < sql.length() ? sql.charAt(at + offset) : 0;
    }

    /** Whether the character before the current one continues a word (so no word or literal starts here). */
    private boolean wordBefore() {
        return at > 0 && isWordChar(sql.charAt(at - 1));
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
