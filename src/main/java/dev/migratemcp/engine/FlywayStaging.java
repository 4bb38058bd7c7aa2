package dev.migratemcp.engine;

import dev.migratemcp.migration.FlywaySettings;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where a new migration file goes in a Flyway project, and a copy of the project for its rehearsal: Flyway reads its
 * scripts from its {@code locations}, so a file written into a migrations folder that is not one of them would never
 * be read. The copy holds each location's files (with the folders inside it) and a {@code flyway.conf} that says
 * the same as the project's configuration, pointing at the copies.
 */
final class FlywayStaging {

    static final String CONFIG = "flyway.conf";

    private FlywayStaging() {
    }

    /** The folder a new file is written into: the migrations folder, unless the configuration reads elsewhere. */
    static Path newFileFolder(FlywaySettings settings, Path migrationsDir) {
        if (settings == null || settings.locations().isEmpty()) {
            return migrationsDir;
        }
        Path here = migrationsDir.toAbsolutePath().normalize();
        for (Path location : settings.locations()) {
            if (location.toAbsolutePath().normalize().equals(here)) {
                return migrationsDir;
            }
        }
        return settings.locations().get(0);
    }

    /**
     * Copies the locations into {@code staging} ({@code location-0}, {@code location-1}, ...) and writes the
     * configuration for them; returns the copy of {@code target} (one of the locations), where the new file goes.
     */
    static Path stage(FlywaySettings settings, Path target, Path staging) throws IOException {
        Path stagedTarget = staging;
        List<Path> locations = settings.locations();
        StringBuilder staged = new StringBuilder();
        for (int i = 0; i < locations.size(); i++) {
            Path copy = staging.resolve("location-" + i);
            copyTree(locations.get(i), copy);
            staged.append(i == 0 ? "" : ",").append("filesystem:").append(copy.getFileName());
            if (locations.get(i).toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
                stagedTarget = copy;
            }
        }
        Properties p = new Properties();
        p.setProperty("flyway.locations", staged.toString());
        p.setProperty("flyway.table", settings.table());
        if (!settings.schemas().isEmpty()) {
            p.setProperty("flyway.schemas", String.join(",", settings.schemas()));
        }
        if (settings.defaultSchema() != null) {
            p.setProperty("flyway.defaultSchema", settings.defaultSchema());
        }
        settings.placeholders().forEach((k, v) -> p.setProperty("flyway.placeholders." + k, v));
        p.setProperty("flyway.placeholderPrefix", settings.placeholderPrefix());
        p.setProperty("flyway.placeholderSuffix", settings.placeholderSuffix());
        p.setProperty("flyway.placeholderSeparator", settings.placeholderSeparator());
        p.setProperty("flyway.placeholderReplacement", String.valueOf(settings.placeholderReplacement()));
        p.setProperty("flyway.sqlMigrationPrefix", settings.sqlMigrationPrefix());
        p.setProperty("flyway.undoSqlMigrationPrefix", settings.undoSqlMigrationPrefix());
        p.setProperty("flyway.repeatableSqlMigrationPrefix", settings.repeatableSqlMigrationPrefix());
        p.setProperty("flyway.sqlMigrationSeparator", settings.sqlMigrationSeparator());
        p.setProperty("flyway.sqlMigrationSuffixes", String.join(",", settings.sqlMigrationSuffixes()));
        p.setProperty("flyway.environment", settings.environment());
        try (Writer w = Files.newBufferedWriter(staging.resolve(CONFIG))) {
            p.store(w, "a copy of " + settings.file() + " for a rehearsal");
        }
        return stagedTarget;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return; // reported by the catalog of the copy, as for the project itself
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, target);
                }
            }
        }
    }
}
