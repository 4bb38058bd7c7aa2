package dev.migratemcp.mcp;

import dev.migratemcp.engine.ErrorCode;
import dev.migratemcp.engine.MigrateException;
import dev.migratemcp.migration.Versions;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A tool call's arguments, read strictly against the tool's {@link InputSchema}: a wrong type, a missing required
 * argument, a number out of range or an unknown name is an {@code invalid_argument} error that names the tool and
 * the argument and says what was expected, never a guess. Numbers are read exactly: a version never wraps or rounds.
 * Values are quoted in messages only in short, so a huge argument is not echoed back.
 */
final class Arguments {

    private static final int QUOTED = 40;

    private final String tool;
    private final InputSchema schema;
    private final Map<String, Object> values;

    Arguments(String tool, Map<String, Object> values, InputSchema schema) {
        this.tool = tool;
        this.schema = schema;
        this.values = values == null ? Map.of() : values;
        Set<String> unknown = new TreeSet<>(this.values.keySet());
        unknown.removeAll(schema.names());
        if (!unknown.isEmpty()) {
            String names = unknown.stream().limit(5).map(Arguments::quote).collect(Collectors.joining(", "))
                    + (unknown.size() > 5 ? " and " + (unknown.size() - 5) + " more" : "");
            throw invalid(null, "unknown argument(s) " + names, schema.names().isEmpty() ? tool
                    + " takes no arguments." : "Known arguments: " + String.join(", ", schema.names()) + ".");
        }
    }

    /** A migration version (range from the schema), or null when absent. */
    Long version(String name) {
        InputSchema.Rule rule = schema.rule(name);
        Object v = present(name, rule, "a version number");
        return v == null ? null : toVersion(name, v, rule.zeroAllowed(), "");
    }

    /** A list of versions, or an empty list when absent. */
    List<Long> versions(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw invalid(name, "must be a list of versions, got " + describe(v), "Pass e.g. \"" + name
                    + "\": [1, 2].");
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(toVersion(name, list.get(i), false, "[" + i + "]"));
        }
        return out;
    }

    boolean flag(String name) {
        return flagOr(name, false);
    }

    /** A flag whose absence means {@code absent}. */
    boolean flagOr(String name, boolean absent) {
        Object v = values.get(name);
        if (v == null) {
            return absent;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw invalid(name, "must be true or false, got " + describe(v), "Pass \"" + name + "\": true.");
    }

    /** A string within the schema's length limit, or null when absent. */
    String string(String name) {
        InputSchema.Rule rule = schema.rule(name);
        Object v = present(name, rule, "text");
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw invalid(name, "must be a string, got " + describe(v), "Pass \"" + name + "\" as text.");
        }
        if (rule.maxLength() > 0 && s.length() > rule.maxLength()) {
            throw invalid(name, "is " + s.length() + " characters long; at most " + rule.maxLength()
                    + " are accepted", "Pass a shorter " + name + ".");
        }
        if (rule.choices() != null && !rule.choices().contains(s)) {
            throw invalid(name, "must be one of " + String.join(", ", rule.choices()) + ", got " + describe(v),
                    "Pass one of the listed values.");
        }
        return s;
    }

    private Object present(String name, InputSchema.Rule rule, String what) {
        Object v = values.get(name);
        if (v == null && rule.required()) {
            throw invalid(name, "is required", "Pass \"" + name + "\" (" + what + ").");
        }
        return v;
    }

    /**
     * A JSON number or a string of digits, exactly: integers of any size as they are, decimals only when whole
     * ({@code 3.0}), never a fraction or anything out of range.
     */
    private long toVersion(String name, Object v, boolean zeroAllowed, String position) {
        BigInteger whole = wholeNumber(v);
        String hint = "Pass a whole number from " + (zeroAllowed ? 0 : 1) + " to " + Versions.MAX
                + ", e.g. \"" + name + "\": 3.";
        if (whole == null) {
            throw invalid(name + position, "must be a whole number, got " + describe(v), hint);
        }
        if (whole.signum() < 0) {
            throw invalid(name + position, "must not be negative, got " + quote(whole.toString()), hint);
        }
        try {
            return Versions.parse(whole.toString(), zeroAllowed);
        } catch (IllegalArgumentException e) {
            throw invalid(name + position, "is out of range: " + e.getMessage(), hint);
        }
    }

    private static BigInteger wholeNumber(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigInteger.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return b;
        }
        BigDecimal decimal = null;
        if (v instanceof BigDecimal d) {
            decimal = d;
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                decimal = new BigDecimal(d); // the double's exact value, never a rounded string
            }
        } else if (v instanceof String s && s.strip().matches("\\d{1,400}")) {
            return new BigInteger(s.strip());
        }
        if (decimal == null) {
            return null;
        }
        try {
            return decimal.toBigIntegerExact();
        } catch (ArithmeticException fraction) {
            return null;
        }
    }

    private static String describe(Object v) {
        String type = v instanceof String ? "string" : v instanceof Number ? "number" : v instanceof Boolean
                ? "boolean" : v instanceof Map ? "object" : v instanceof Iterable ? "array" : "value";
        return type + " " + quote(String.valueOf(v));
    }

    private static String quote(String text) {
        return text.length() > QUOTED ? text.substring(0, QUOTED) + "... (" + text.length() + " characters)" : text;
    }

    private MigrateException invalid(String argument, String message, String hint) {
        return new MigrateException(ErrorCode.INVALID_ARGUMENT, tool + ": " + (argument == null ? "" : argument
                + " ") + message, hint, argument == null ? Map.of("tool", tool) : Map.of("tool", tool,
                "argument", argument), null);
    }
}
