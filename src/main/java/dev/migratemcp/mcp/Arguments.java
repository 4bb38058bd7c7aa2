package dev.migratemcp.mcp;

import dev.migratemcp.engine.ErrorCode;
import dev.migratemcp.engine.MigrateException;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tool call's arguments, read strictly: a wrong type or an unknown name is an {@code invalid_argument} error that
 * says what was expected, never a guess. Models learn from a precise refusal; they are misled by a silent fix.
 */
final class Arguments {

    private final String tool;
    private final Map<String, Object> values;

    Arguments(String tool, Map<String, Object> values, Set<String> known) {
        this.tool = tool;
        this.values = values == null ? Map.of() : values;
        Set<String> unknown = new TreeSet<>(this.values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw invalid("unknown argument(s) " + unknown + " for " + tool,
                    known.isEmpty() ? tool + " takes no arguments." : "Known arguments: " + new TreeSet<>(known) + ".");
        }
    }

    /** A whole number, or null when absent. */
    Long optionalLong(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d)) {
                return n.longValue();
            }
        }
        throw invalid(name + " must be a whole number, got " + describe(v), "Pass e.g. \"" + name + "\": 3.");
    }

    long requiredLong(String name) {
        Long v = optionalLong(name);
        if (v == null) {
            throw invalid(name + " is required", "Pass \"" + name + "\" as a whole number.");
        }
        return v;
    }

    /** A list of whole numbers, or an empty list when absent. */
    java.util.List<Long> longList(String name) {
        Object v = values.get(name);
        if (v == null) {
            return java.util.List.of();
        }
        if (v instanceof java.util.List<?> list) {
            java.util.List<Long> out = new java.util.ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw invalid(name + " must be a list of whole numbers, got " + describe(v),
                            "Pass e.g. \"" + name + "\": [1, 2].");
                }
                out.add(n.longValue());
            }
            return out;
        }
        throw invalid(name + " must be a list of whole numbers, got " + describe(v), "Pass e.g. \"" + name
                + "\": [1, 2].");
    }

    boolean flag(String name) {
        Object v = values.get(name);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw invalid(name + " must be true or false, got " + describe(v), "Pass \"" + name + "\": true.");
    }

    String optionalString(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw invalid(name + " must be a string, got " + describe(v), "Pass \"" + name + "\" as text.");
    }

    private static String describe(Object v) {
        String type = v instanceof String ? "string" : v instanceof Number ? "number" : v instanceof Boolean
                ? "boolean" : v instanceof Map ? "object" : v instanceof Iterable ? "array" : "value";
        String text = String.valueOf(v);
        return type + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    private MigrateException invalid(String message, String hint) {
        return new MigrateException(ErrorCode.INVALID_ARGUMENT, message, hint, Map.of("tool", tool), null);
    }
}
