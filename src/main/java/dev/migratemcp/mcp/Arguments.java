package dev.migratemcp.mcp;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.ErrorCode;
import dev.migratemcp.engine.MigrateException;
import dev.migratemcp.migration.Version;

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

    /** A migration version, or null when absent. */
    Version version(String name) {
        InputSchema.Rule rule = schema.rule(name);
        Object v = present(name, rule, "a version");
        return v == null ? null : toVersion(name, v, "");
    }

    /** A list of versions, or an empty list when absent. */
    List<Version> versions(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw invalid(name, "must be a list of versions, got " + describe(v), "Pass e.g. \"" + name
                    + "\": [1, 2].");
        }
        List<Version> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(toVersion(name, list.get(i), "[" + i + "]"));
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
     * A JSON number or a string, exactly: whole numbers of any size as they are (out of range is refused, never
     * wrapped), decimals only when whole ({@code 3.0}), dotted versions only as strings ({@code "1.1"}: as a number,
     * 1.10 would reach us as 1.1, another version).
     */
    private Version toVersion(String name, Object v, String position) {
        String hint = "Pass a whole number from 0 to " + Version.MAX + " or a dotted version as a string, e.g. \""
                + name + "\": 3 or \"" + name + "\": \"1.1\".";
        if (!(v instanceof Number) && !(v instanceof String)) {
            throw invalid(name + position, "must be a version, got " + describe(v), hint);
        }
        try {
            return Version.fromJson(v);
        } catch (IllegalArgumentException e) {
            throw invalid(name + position, "is not a valid version: " + e.getMessage(), hint);
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
