package dev.migratemcp.migration;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flyway's placeholders in a script: {@code ${name}} is replaced by the value the project's configuration gives it
 * ({@code placeholders.name}), and {@code ${flyway:defaultSchema}}, {@code ${flyway:user}},
 * {@code ${flyway:database}}, {@code ${flyway:timestamp}}, {@code ${flyway:filename}},
 * {@code ${flyway:workingDirectory}}, {@code ${flyway:table}} and {@code ${flyway:environment}} by what Flyway puts
 * there. As in Flyway: the whole text is replaced, comments and strings included, before it is split; names are
 * compared without regard to case; the replacement is not read again; a placeholder without a value is an error
 * that names it, never left as written.
 */
public final class Placeholders {

    /** What only the database can say, asked only when a script uses it; null when it cannot say. */
    public interface DatabaseFacts {
        DatabaseFacts NONE = name -> null;

        /** {@code user}, {@code database}, or {@code defaultSchema} (the connection's current schema). */
        String value(String name);
    }

    private static final List<String> FROM_DATABASE = List.of("user", "database", "defaultschema");

    private final FlywaySettings settings;
    private final DatabaseFacts facts;
    private final String timestamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    private final Map<String, String> given = new HashMap<>();

    public Placeholders(FlywaySettings settings, DatabaseFacts facts) {
        this.settings = settings;
        this.facts = facts;
        settings.placeholders().forEach((k, v) -> given.put(k.toLowerCase(Locale.ROOT), v));
    }

    /** The text with every placeholder replaced; a problem naming the file, line and placeholder otherwise. */
    String replace(String fileName, String text) throws MigrationFileException {
        String prefix = settings.placeholderPrefix();
        String suffix = settings.placeholderSuffix();
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (true) {
            int start = text.indexOf(prefix, from);
            if (start < 0) {
                break;
            }
            int end = text.indexOf(suffix, start + prefix.length());
            if (end < 0) {
                throw NamedProblem.at(fileName, text, start, "the placeholder " + abbreviate(text.substring(start))
                        + " has no closing " + suffix);
            }
            String name = text.substring(start + prefix.length(), end);
            String value = value(name, fileName);
            if (value == null) {
                throw NamedProblem.at(fileName, text, start, "no value for the placeholder " + prefix + name + suffix
                        + (isBuiltIn(name) ? " (Flyway's built-in; the database did not say)"
                        : ": set placeholders." + name + " in " + where()));
            }
            out.append(text, from, start).append(value);
            from = end + suffix.length();
        }
        return out.append(text, from, text.length()).toString();
    }

    private String value(String name, String fileName) {
        String lower = name.toLowerCase(Locale.ROOT);
        String builtInPrefix = "flyway" + settings.placeholderSeparator().toLowerCase(Locale.ROOT);
        if (lower.startsWith(builtInPrefix)) {
            String builtIn = lower.substring(builtInPrefix.length());
            switch (builtIn) {
                case "defaultschema":
                    return settings.defaultSchema() != null ? settings.defaultSchema() : facts.value("defaultSchema");
                case "timestamp":
                    return timestamp;
                case "filename":
                    return Path.of(fileName).getFileName().toString();
                case "workingdirectory":
                    return System.getProperty("user.dir");
                case "table":
                    return settings.table();
                case "environment":
                    return settings.environment();
                default:
                    if (FROM_DATABASE.contains(builtIn)) {
                        return facts.value(builtIn);
                    }
            }
        }
        return given.get(lower);
    }

    private boolean isBuiltIn(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("flyway" + settings.placeholderSeparator());
    }

    private String where() {
        return settings.file() == null ? "a flyway.conf or flyway.toml" : settings.file().getFileName().toString();
    }

    private static String abbreviate(String s) {
        String line = s.lines().findFirst().orElse(s);
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }

    /** A problem at the line of an offset in the text. */
    private static final class NamedProblem {
        static MigrationFileException at(String fileName, String text, int offset, String message) {
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return new MigrationFileException(List.of(new FileProblem(fileName, line, message)));
        }
    }
}
