package dev.migratemcp.config;

import dev.migratemcp.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project's settings in a JSON file ({@code migrate-mcp.json} in the working directory, or the file named by
 * {@code --config} or {@code MIGRATE_MCP_CONFIG}), so that a repository can say where its migrations live and how its
 * history and backups are kept, while the database and its password come from the environment:
 *
 * <pre>{@code
 * { "url": "postgresql://app:${DB_PASSWORD}@localhost:5432/app",
 *   "migrations": "db/migrations", "history_table": "schema_version", "backup_before": "always", "keep": 10 }
 * }</pre>
 *
 * <p>{@code ${NAME}} in a value is replaced by that environment variable (an unset one is an error, never an empty
 * string). The folders {@code migrations} and {@code backups} are relative to the file's own folder, so the same file
 * works from anywhere. An unknown key is an error rather than something silently ignored: a misspelt
 * {@code "histroy_table"} would otherwise send migrations to the wrong table.
 */
public final class ConfigFile {

    /** The file looked for in the working directory when none is named. */
    public static final String DEFAULT_NAME = "migrate-mcp.json";

    static final Set<String> KEYS = Set.of("url", "user", "password", "migrations", "history_table", "lock_timeout",
            "backups", "backup_before", "keep", "backup_method", "out_of_order", "schemas", "flyway_config");
    private static final Set<String> FOLDERS = Set.of("migrations", "backups", "flyway_config");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private ConfigFile() {
    }

    /**
     * The settings of the file named (or of {@code migrate-mcp.json} in the working directory when {@code named} is
     * null), each as text; empty when no file is named and there is no default file.
     */
    public static Map<String, String> read(String named, Map<String, String> env) {
        Path file = named != null && !named.isBlank() ? Path.of(named) : Path.of(DEFAULT_NAME);
        if (!Files.isRegularFile(file)) {
            if (named != null && !named.isBlank()) {
                throw new IllegalArgumentException("config file not found: " + file.toAbsolutePath());
            }
            return Map.of();
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (JacksonException e) {
            // the parser's own message can quote the text it choked on, which may be a password: say only where
            var at = e.getLocation();
            throw new IllegalArgumentException("config file " + file + " is not valid JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("config file " + file + " must hold a JSON object");
        }
        Set<String> unknown = new TreeSet<>(root.propertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("config file " + file + " has unknown key(s) " + unknown
                    + "; known: " + new TreeSet<>(KEYS));
        }
        Path base = file.toAbsolutePath().getParent();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : root.propertyNames()) {
            JsonNode value = root.get(key);
            if (value.isNull()) {
                continue;
            }
            if (key.equals("schemas") && value.isArray()) {
                // a list of names, as Flyway's configuration gives them, read like the comma-separated form
                java.util.List<String> names = new java.util.ArrayList<>();
                for (JsonNode name : value) {
                    if (!name.isString()) {
                        throw new IllegalArgumentException("config file " + file + ": 'schemas' must list names");
                    }
                    String text = expand(name.asString(), env, file, key);
                    names.add(text.equals(text.toLowerCase(java.util.Locale.ROOT)) ? text
                            : "\"" + text.replace("\"", "\"\"") + "\"");
                }
                settings.put(key, String.join(",", names));
                continue;
            }
            if (!value.isString() && !value.isNumber() && !value.isBoolean()) {
                throw new IllegalArgumentException("config file " + file + ": '" + key + "' must be a string, a "
                        + "number or true/false");
            }
            String text = expand(value.asString(), env, file, key);
            settings.put(key, FOLDERS.contains(key) ? base.resolve(text).normalize().toString() : text);
        }
        return settings;
    }

    private static String expand(String value, Map<String, String> env, Path file, String key) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = env.get(m.group(1));
            if (replacement == null) {
                throw new IllegalArgumentException("config file " + file + ": '" + key + "' uses ${" + m.group(1)
                        + "}, which is not set in the environment");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
