package dev.migratemcp.dialect;

import dev.migratemcp.schema.Normalise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column definitions of a SQLite {@code CREATE TABLE} statement as stored in {@code sqlite_master}, for what no
 * pragma reports: a generated column's expression, CHECK constraints. SQLite keeps the statement as written (and appends the text of
 * each {@code ADD COLUMN}), so the definitions are found by splitting the outer parentheses at top-level commas.
 */
final class SqliteColumnDefinitions {

    private static final Pattern AS_EXPRESSION = Pattern.compile("(?i)\\bAS\\s*\\(");
    private static final Pattern AUTOINCREMENT = Pattern.compile("(?i)\\bAUTOINCREMENT\\b");
    private static final Pattern CHECK = Pattern.compile("(?i)(?:\\bCONSTRAINT\\s+(\\S+)\\s+)?\\bCHECK\\s*\\(");
    private static final java.util.Set<String> TABLE_CONSTRAINTS = java.util.Set.of("constraint", "check", "primary",
            "unique", "foreign");

    private final List<String> definitions = new ArrayList<>();

    SqliteColumnDefinitions(String createTable) {
        int open = createTable == null ? -1 : createTable.indexOf('(');
        int close = open < 0 ? -1 : Normalise.closingParenthesis(createTable, open);
        if (close < 0) {
            return;
        }
        int depth = 0;
        char quote = 0;
        int start = open + 1;
        for (int i = start; i < close; i++) {
            char ch = createTable.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
            } else if (ch == '[') {
                quote = ']';
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                definitions.add(createTable.substring(start, i).trim());
                start = i + 1;
            }
        }
        definitions.add(createTable.substring(start, close).trim());
    }

    /**
     * The terms of the outer parentheses as written, in order: a table's column definitions and constraints, or a
     * {@code CREATE INDEX} statement's keys.
     */
    List<String> terms() {
        return List.copyOf(definitions);
    }

    /** The normalised expression of the generated column {@code column}, or null when it has none here. */
    String generatedExpression(String column) {
        for (String definition : definitions) {
            if (!column.equalsIgnoreCase(leadingName(definition))) {
                continue;
            }
            Matcher m = AS_EXPRESSION.matcher(definition);
            if (m.find()) {
                int open = m.end() - 1;
                int close = Normalise.closingParenthesis(definition, open);
                if (close > open) {
                    return Normalise.expression(definition.substring(open + 1, close));
                }
            }
        }
        return null;
    }

    /**
     * The CHECK constraints, each as {name, clause}: a named one ({@code CONSTRAINT c CHECK (...)}) by its name, an
     * unnamed one on a column as {@code <column>_check} (then {@code _check2}, ...), an unnamed one of the table as
     * {@code check_1}, {@code check_2}... in the order written, so that a clause changed is one change of one CHECK.
     */
    List<String[]> checks() {
        List<String[]> checks = new ArrayList<>();
        int tableLevel = 0;
        for (String definition : definitions) {
            String first = definition.split("[\\s(]+", 2)[0].toLowerCase(Locale.ROOT);
            String column = TABLE_CONSTRAINTS.contains(first) ? null : leadingName(definition);
            String masked = masked(definition);
            Matcher m = CHECK.matcher(masked);
            int onColumn = 0;
            while (m.find()) {
                int open = m.end() - 1;
                int close = Normalise.closingParenthesis(definition, open);
                if (close < 0) {
                    break;
                }
                String name;
                if (m.group(1) != null) {
                    name = unquoted(definition.substring(m.start(1), m.end(1)));
                } else if (column != null) {
                    onColumn++;
                    name = column + "_check" + (onColumn == 1 ? "" : String.valueOf(onColumn));
                } else {
                    name = "check_" + ++tableLevel;
                }
                checks.add(new String[]{name, definition.substring(open + 1, close)});
            }
        }
        return checks;
    }

    /** Whether a CREATE TABLE statement says AUTOINCREMENT outside quoted names and literals. */
    static boolean saysAutoincrement(String createTable) {
        return AUTOINCREMENT.matcher(masked(createTable)).find();
    }

    /** The text with quoted parts blanked out (same length), so that a pattern finds only keywords. */
    private static String masked(String text) {
        StringBuilder sb = new StringBuilder(text);
        char quote = 0;
        for (int i = 0; i < sb.length(); i++) {
            char ch = sb.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    sb.setCharAt(i, '_');
                }
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
            } else if (ch == '[') {
                quote = ']';
            }
        }
        return sb.toString();
    }

    private static String unquoted(String name) {
        if (name.length() > 1 && "\"`'[".indexOf(name.charAt(0)) >= 0) {
            return name.substring(1, name.length() - 1);
        }
        return name;
    }

    private static String leadingName(String definition) {
        if (definition.isEmpty()) {
            return "";
        }
        char first = definition.charAt(0);
        char closing = switch (first) {
            case '"', '`', '\'' -> first;
            case '[' -> ']';
            default -> 0;
        };
        if (closing != 0) {
            int end = definition.indexOf(closing, 1);
            return end < 0 ? definition : definition.substring(1, end);
        }
        String[] words = definition.split("\\s+", 2);
        return words[0].toLowerCase(Locale.ROOT).equals("constraint") ? "" : words[0];
    }
}
