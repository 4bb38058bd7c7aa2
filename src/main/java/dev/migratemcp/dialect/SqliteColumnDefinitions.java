package dev.migratemcp.dialect;

import dev.migratemcp.schema.Normalise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column definitions of a SQLite {@code CREATE TABLE} statement as stored in {@code sqlite_master}, for what no
 * pragma reports: a generated column's expression. SQLite keeps the statement as written (and appends the text of
 * each {@code ADD COLUMN}), so the definitions are found by splitting the outer parentheses at top-level commas.
 */
final class SqliteColumnDefinitions {

    private static final Pattern AS_EXPRESSION = Pattern.compile("(?i)\\bAS\\s*\\(");

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
