package dev.migratemcp.schema;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One spelling for things databases spell many ways, so that the same migration reads the same in a snapshot
 * whichever database ran it, and a snapshot does not change when nothing in the schema did.
 */
public final class Normalise {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern MYSQL_DISPLAY_WIDTH =
            Pattern.compile("^(tinyint|smallint|mediumint|int|integer|bigint)\\(\\d+\\)");
    private static final Pattern PG_CAST = Pattern.compile("^(.*?)::[a-z ]+(\\(\\d+(,\\d+)?\\))?(\\[\\])?$");

    private Normalise() {
    }

    /** Lower case, single spaces, and the common long spellings shortened. */
    public static String type(String raw) {
        if (raw == null) {
            return "";
        }
        String t = SPACES.matcher(raw.trim().toLowerCase(Locale.ROOT)).replaceAll(" ");
        if (t.equals("tinyint(1)")) {
            return "boolean"; // MySQL's BOOLEAN
        }
        t = MYSQL_DISPLAY_WIDTH.matcher(t).replaceFirst("$1");
        t = t.replaceAll("\\(\\s+", "(").replaceAll("\\s+\\)", ")").replaceAll("\\s*,\\s*", ","); // numeric(8, 2)
        t = t.replace("character varying", "varchar")
                .replace("timestamp without time zone", "timestamp")
                .replace("timestamp with time zone", "timestamptz")
                .replace("time without time zone", "time")
                .replace("double precision", "double");
        if (t.startsWith("character(") || t.equals("character")) {
            t = "char" + t.substring("character".length());
        }
        // the aliases SQLite keeps as written and MySQL accepts: one spelling each
        t = switch (t) {
            case "int4", "int" -> "integer";
            case "int8" -> "bigint";
            case "int2" -> "smallint";
            case "bool" -> "boolean";
            case "float8" -> "double";
            case "float4" -> "real";
            default -> t;
        };
        if (t.startsWith("decimal")) {
            t = "numeric" + t.substring("decimal".length());
        }
        return t;
    }

    /** Defaults without casts and with one spelling for the current time and for booleans. */
    public static String defaultValue(String raw, String normalisedType) {
        if (raw == null) {
            return null;
        }
        String d = raw.trim();
        if (d.equalsIgnoreCase("NULL") || d.toUpperCase(Locale.ROOT).startsWith("NULL::")) {
            return null;
        }
        var cast = PG_CAST.matcher(d);
        if (cast.matches() && !d.startsWith("(")) {
            d = cast.group(1);
        }
        String upper = d.toUpperCase(Locale.ROOT);
        if (upper.equals("CURRENT_TIMESTAMP()") || upper.equals("NOW()") || upper.equals("CURRENT_TIMESTAMP")
                || upper.equals("LOCALTIMESTAMP") || upper.startsWith("CURRENT_TIMESTAMP(")) {
            return "CURRENT_TIMESTAMP";
        }
        if (normalisedType.equals("boolean")) {
            if (upper.equals("0") || upper.equals("FALSE") || upper.equals("'0'")) {
                return "false";
            }
            if (upper.equals("1") || upper.equals("TRUE") || upper.equals("'1'")) {
                return "true";
            }
        }
        return d;
    }

    /** A view or trigger definition with white space collapsed and a trailing semicolon dropped. */
    public static String definition(String raw) {
        if (raw == null) {
            return null;
        }
        String d = SPACES.matcher(raw.trim()).replaceAll(" ");
        return d.endsWith(";") ? d.substring(0, d.length() - 1).trim() : d;
    }

    /**
     * A generated column's expression or a CHECK clause: identifier quotes dropped (MySQL adds back-ticks, PostgreSQL
     * double quotes where a name needs them), parentheses around the whole removed (MySQL and PostgreSQL add them,
     * SQLite keeps what was written), white space collapsed.
     */
    public static String expression(String raw) {
        if (raw == null) {
            return null;
        }
        String e = SPACES.matcher(raw.replace("`", "").replace("\"", "").trim()).replaceAll(" ");
        while (e.startsWith("(") && closingParenthesis(e, 0) == e.length() - 1) {
            e = e.substring(1, e.length() - 1).trim();
        }
        return e.replace("( ", "(").replace(" )", ")");
    }

    /** The index of the parenthesis closing the one at {@code open}, skipping quoted text; -1 when unbalanced. */
    public static int closingParenthesis(String s, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The SHA-256 of a routine body with white space collapsed: layout is not a change, anything else is. */
    public static String bodyHash(String body) {
        return dev.migratemcp.migration.Checksums.sha256(body == null ? "" : definition(body));
    }

    /** An index key as the snapshot lists it: the column (or expression), followed by DESC when it sorts downwards. */
    public static String indexKey(String column, boolean descending) {
        return descending ? column + " DESC" : column;
    }

    /** Upper-case referential action words ({@code CASCADE}, {@code SET NULL}, ...). */
    public static String action(String raw) {
        return raw == null ? "NO ACTION" : SPACES.matcher(raw.trim().toUpperCase(Locale.ROOT)).replaceAll(" ");
    }
}
