package dev.migratemcp.config;

import dev.migratemcp.migration.FlywaySettings;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * A Flyway project's configuration, read so that its scripts are found and read as Flyway finds and reads them:
 * {@code flyway.toml} (Flyway 10 on: a {@code [flyway]} table, and {@code [environments.<name>]} tables of which
 * {@code flyway.environment} picks one, {@code default} unless it says) or {@code flyway.conf} (Java properties,
 * each key with the {@code flyway.} prefix). The file is the one named ({@code --flyway-config}), else one of those
 * two names in the migrations folder.
 *
 * <p>Read: {@code locations} ({@code filesystem:} folders, relative to the file's folder), {@code table},
 * {@code schemas}, {@code defaultSchema}, {@code placeholders.*}, {@code placeholderPrefix},
 * {@code placeholderSuffix}, {@code placeholderSeparator}, {@code placeholderReplacement}, {@code sqlMigrationPrefix},
 * {@code undoSqlMigrationPrefix}, {@code repeatableSqlMigrationPrefix}, {@code sqlMigrationSeparator},
 * {@code sqlMigrationSuffixes}, {@code encoding} (UTF-8 only) and, in TOML, {@code environment}. Every other setting
 * is kept as "ignored", with the reason, so that {@code validate} and {@code status} can say so: a setting is never
 * dropped without a word.
 */
public final class FlywayConfigFile {

    public static final List<String> NAMES = List.of("flyway.toml", "flyway.conf");

    private static final Set<String> DATABASE_KEYS = Set.of("url", "user", "password", "driver", "jdbcProperties");

    private FlywayConfigFile() {
    }

    /**
     * The configuration of the file named, or of the one in the migrations folder; empty when none is named and the
     * folder has none. Both names in the folder at once is an error: which one Flyway reads depends on how it is run.
     */
    public static Optional<FlywaySettings> find(Path named, Path migrationsDir) {
        if (named != null) {
            if (!Files.isRegularFile(named)) {
                throw new IllegalArgumentException("Flyway configuration not found: " + named.toAbsolutePath());
            }
            return Optional.of(read(named));
        }
        List<Path> present = NAMES.stream().map(migrationsDir::resolve).filter(Files::isRegularFile).toList();
        if (present.size() > 1) {
            throw new IllegalArgumentException("the migrations folder holds both flyway.toml and flyway.conf: name the "
                    + "one to read with --flyway-config (or flyway_config in migrate-mcp.json)");
        }
        return present.isEmpty() ? Optional.empty() : Optional.of(read(present.get(0)));
    }

    /** Reads one file, TOML when its name ends in {@code .toml}, else properties. */
    public static FlywaySettings read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        if (file.getFileName().toString().endsWith(".toml")) {
            readToml(file, text, flat, ignored);
        } else {
            readProperties(file, text, flat, ignored);
        }
        return settings(file, flat, ignored);
    }

    private static void readProperties(Path file, String text, Map<String, Object> flat, List<String> ignored) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a properties file: " + e.getMessage());
        }
        for (String key : new java.util.TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(key).strip();
            if (!key.startsWith("flyway.")) {
                ignored.add("ignored setting '" + key + "': not a Flyway setting (they start with 'flyway.')");
                continue;
            }
            String name = key.substring("flyway.".length());
            flat.put(name, isList(name) ? splitList(value) : value);
        }
    }

    private static void readToml(Path file, String text, Map<String, Object> flat, List<String> ignored) {
        JsonNode root;
        try {
            root = TomlMapper.builder().build().readTree(text);
        } catch (JacksonException e) {
            var at = e.getLocation();
            throw new IllegalArgumentException(file + " is not valid TOML" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        JsonNode flyway = root.path("flyway");
        for (String top : root.propertyNames()) {
            if (!top.equals("flyway") && !top.equals("environments")) {
                ignored.add("ignored setting '" + top + "': not read by migrate-mcp");
            }
        }
        flatten("", flyway, flat);
        String environment = flyway.path("environment").isString() ? flyway.get("environment").asString()
                : "default";
        flat.put("environment", environment);
        JsonNode environments = root.path("environments");
        for (String name : environments.propertyNames()) {
            if (!name.equals(environment)) {
                continue; // another environment's settings: Flyway reads only the chosen one
            }
            JsonNode env = environments.get(name);
            for (String key : env.propertyNames()) {
                JsonNode value = env.get(key);
                if (key.equals("flyway") && value.isObject()) {
                    flatten("", value, flat); // the environment's own Flyway settings win over [flyway]
                } else if (key.equals("schemas")) {
                    flat.put("schemas", value.isArray() ? strings(value) : splitList(value.asString()));
                } else if (DATABASE_KEYS.contains(key)) {
                    ignored.add("ignored setting 'environments." + name + "." + key + "': the database is the one "
                            + "--url (or MIGRATE_MCP_URL) names");
                } else {
                    ignored.add("ignored setting 'environments." + name + "." + key + "': not read by migrate-mcp");
                }
            }
        }
    }

    /** Flyway's settings as dotted names ({@code placeholders.schema}), lists as lists, other values as text. */
    private static void flatten(String prefix, JsonNode node, Map<String, Object> flat) {
        for (String key : node.propertyNames()) {
            JsonNode value = node.get(key);
            String name = prefix + key;
            if (value.isObject()) {
                flatten(name + ".", value, flat);
            } else if (value.isArray()) {
                flat.put(name, strings(value));
            } else {
                flat.put(name, isList(name) ? splitList(value.asString()) : value.asString());
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }

    private static boolean isList(String name) {
        return name.equals("locations") || name.equals("schemas") || name.equals("sqlMigrationSuffixes");
    }

    private static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static FlywaySettings settings(Path file, Map<String, Object> flat, List<String> ignored) {
        Path base = file.toAbsolutePath().getParent();
        FlywaySettings defaults = FlywaySettings.defaults(base);
        List<Path> locations = new ArrayList<>();
        Map<String, String> placeholders = new LinkedHashMap<>();
        String table = defaults.table();
        List<String> schemas = List.of();
        String defaultSchema = null;
        String prefix = defaults.placeholderPrefix();
        String suffix = defaults.placeholderSuffix();
        String separator = defaults.placeholderSeparator();
        boolean replacement = true;
        String versioned = defaults.sqlMigrationPrefix();
        String undo = defaults.undoSqlMigrationPrefix();
        String repeatable = defaults.repeatableSqlMigrationPrefix();
        String migrationSeparator = defaults.sqlMigrationSeparator();
        List<String> suffixes = defaults.sqlMigrationSuffixes();
        String environment = defaults.environment();
        boolean locationsGiven = false;
        for (Map.Entry<String, Object> setting : flat.entrySet()) {
            String key = setting.getKey();
            Object value = setting.getValue();
            String text = value instanceof String s ? s : null;
            List<String> list = value instanceof List<?> l ? (List<String>) l : text == null ? List.of()
                    : List.of(text);
            if (key.startsWith("placeholders.")) {
                placeholders.put(key.substring("placeholders.".length()), text == null ? String.join(",", list)
                        : text);
                continue;
            }
            switch (key) {
                case "locations" -> {
                    locationsGiven = true;
                    for (String location : list) {
                        Path folder = location(base, location, ignored);
                        if (folder != null) {
                            locations.add(folder);
                        }
                    }
                }
                case "table" -> table = text;
                case "schemas" -> schemas = list;
                case "defaultSchema" -> defaultSchema = text;
                case "placeholderPrefix" -> prefix = nonEmpty(file, key, text);
                case "placeholderSuffix" -> suffix = nonEmpty(file, key, text);
                case "placeholderSeparator" -> separator = nonEmpty(file, key, text);
                case "placeholderReplacement" -> replacement = !"false".equalsIgnoreCase(text);
                case "sqlMigrationPrefix" -> versioned = nonEmpty(file, key, text);
                case "undoSqlMigrationPrefix" -> undo = nonEmpty(file, key, text);
                case "repeatableSqlMigrationPrefix" -> repeatable = nonEmpty(file, key, text);
                case "sqlMigrationSeparator" -> migrationSeparator = nonEmpty(file, key, text);
                case "sqlMigrationSuffixes" -> suffixes = list.isEmpty() ? suffixes : list;
                case "environment" -> environment = text;
                case "encoding" -> {
                    if (text == null || !text.replace("-", "").equalsIgnoreCase("UTF8")) {
                        throw new IllegalArgumentException(file + ": encoding " + text + " is not read here: "
                                + "scripts are read as UTF-8");
                    }
                }
                case "url", "user", "password", "driver" -> ignored.add("ignored setting '" + key + "': the database "
                        + "is the one --url (or MIGRATE_MCP_URL) names");
                default -> ignored.add("ignored setting '" + key + "': not read by migrate-mcp");
            }
        }
        if (!locationsGiven) {
            locations.add(base);
        }
        if (defaultSchema == null && !schemas.isEmpty()) {
            defaultSchema = schemas.get(0);
        }
        return new FlywaySettings(file, locations, table == null || table.isBlank() ? defaults.table() : table,
                schemas, defaultSchema, placeholders, prefix, suffix, separator, replacement, versioned, undo,
                repeatable, migrationSeparator, suffixes, environment, ignored);
    }

    /** A {@code filesystem:} location as a folder; any other kind is ignored, with the reason. */
    private static Path location(Path base, String location, List<String> ignored) {
        String l = location.strip();
        if (l.regionMatches(true, 0, "filesystem:", 0, "filesystem:".length())) {
            String path = l.substring("filesystem:".length());
            if (path.contains("*") || path.contains("?")) {
                ignored.add("ignored location '" + l + "': wildcards in locations are not read");
                return null;
            }
            return base.resolve(path).normalize();
        }
        ignored.add("ignored location '" + l + "': only filesystem: locations are read (a location without "
                + "that prefix is on Flyway's classpath)");
        return null;
    }

    private static String nonEmpty(Path file, String key, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + key + " must not be empty");
        }
        return value;
    }
}
