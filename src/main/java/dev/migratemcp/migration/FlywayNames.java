package dev.migratemcp.migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Flyway's rules for script names, with the project's own prefixes, separator and suffixes: a versioned script
 * {@code V<version>__<description>.sql}, its undo {@code U<version>__<description>.sql} and a repeatable
 * {@code R__<description>.sql}. As Flyway does, the suffix is matched without regard to case, the longest prefix that
 * fits wins, the name is split at the first separator, and {@code _} in the description reads as a space. A name
 * without the separator is no Flyway script here (Flyway would read {@code V1.sql} as version 1 without a
 * description; such a file is left to the folder's other rules).
 */
final class FlywayNames {

    enum Kind { VERSIONED, UNDO, REPEATABLE }

    /** What a script's name says; {@code version} is the text before the separator (empty for a repeatable). */
    record Name(Kind kind, String version, String description, String fileName) {
    }

    private record Prefix(String text, Kind kind) {
    }

    private final List<Prefix> prefixes = new ArrayList<>();
    private final String separator;
    private final List<String> suffixes;

    FlywayNames(FlywaySettings settings) {
        prefixes.add(new Prefix(settings.sqlMigrationPrefix(), Kind.VERSIONED));
        prefixes.add(new Prefix(settings.undoSqlMigrationPrefix(), Kind.UNDO));
        prefixes.add(new Prefix(settings.repeatableSqlMigrationPrefix(), Kind.REPEATABLE));
        prefixes.removeIf(p -> p.text().isEmpty());
        prefixes.sort(Comparator.comparingInt((Prefix p) -> p.text().length()).reversed());
        this.separator = settings.sqlMigrationSeparator();
        this.suffixes = settings.sqlMigrationSuffixes();
    }

    /** The suffix the name ends with (in any case), or null when it ends with none of them. */
    String suffixOf(String fileName) {
        for (String suffix : suffixes) {
            if (fileName.length() > suffix.length() && fileName.regionMatches(true,
                    fileName.length() - suffix.length(), suffix, 0, suffix.length())) {
                return fileName.substring(fileName.length() - suffix.length());
            }
        }
        return null;
    }

    /**
     * Empty when the name is no Flyway script's; a name that is one but breaks Flyway's rules (a repeatable with a
     * version, a versioned script without one) throws, naming the file.
     */
    Optional<Name> parse(String fileName) throws MigrationFileException {
        String suffix = suffixOf(fileName);
        if (suffix == null) {
            return Optional.empty();
        }
        String stem = fileName.substring(0, fileName.length() - suffix.length());
        for (Prefix prefix : prefixes) {
            if (!stem.startsWith(prefix.text())) {
                continue;
            }
            String rest = stem.substring(prefix.text().length());
            int at = rest.indexOf(separator);
            if (at < 0) {
                return Optional.empty();
            }
            String version = rest.substring(0, at);
            String description = rest.substring(at + separator.length()).replace('_', ' ');
            if (prefix.kind() == Kind.REPEATABLE && !version.isEmpty()) {
                throw problem(fileName, "a repeatable script has no version: name it " + prefix.text() + separator
                        + rest.substring(at + separator.length()) + suffix);
            }
            if (prefix.kind() != Kind.REPEATABLE && version.isEmpty()) {
                throw problem(fileName, "a versioned script needs a version: name it like " + prefix.text() + "1"
                        + separator + rest.substring(at + separator.length()) + suffix);
            }
            return Optional.of(new Name(prefix.kind(), version, description, fileName));
        }
        return Optional.empty();
    }

    static MigrationFileException problem(String fileName, String message) {
        return new MigrationFileException(List.of(new FileProblem(fileName, 0, message)));
    }
}
