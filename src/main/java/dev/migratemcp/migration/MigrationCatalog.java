package dev.migratemcp.migration;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The migrations found in a folder, checked as a set, in the order they must run: dependencies first, then by
 * version (so plain version order whenever dependencies point backwards, as they usually do).
 */
public final class MigrationCatalog {

    private final List<Migration> ordered;
    private final Map<Version, Migration> byVersion;
    private final List<FileProblem> ignored;
    private final FlywayPart flyway;

    /**
     * What a folder of Flyway scripts adds: its configuration (null when it has none), Flyway's checksum of each
     * versioned script by file name, its repeatable scripts in the order Flyway runs them (by description), and,
     * when the scripts come from the configuration's locations, where each file is.
     */
    public record FlywayPart(FlywaySettings settings, Map<String, Integer> checksums,
                             List<RepeatableMigration> repeatables, Map<String, Path> files) {
        static final FlywayPart NONE = new FlywayPart(null, Map.of(), List.of(), Map.of());

        public FlywayPart {
            checksums = Map.copyOf(checksums);
            repeatables = repeatables.stream().sorted(java.util.Comparator.comparing(RepeatableMigration::description))
                    .toList();
            files = Map.copyOf(files);
        }
    }

    /** No migrations at all. */
    public static MigrationCatalog empty() {
        return new MigrationCatalog(List.of());
    }

    MigrationCatalog(List<Migration> ordered) {
        this(ordered, List.of(), FlywayPart.NONE);
    }

    private MigrationCatalog(List<Migration> ordered, List<FileProblem> ignored, FlywayPart flyway) {
        this.ignored = List.copyOf(ignored);
        this.flyway = flyway;
        this.ordered = List.copyOf(ordered);
        Map<Version, Migration> map = new LinkedHashMap<>();
        for (Migration m : ordered) {
            map.put(m.version(), m);
        }
        this.byVersion = Collections.unmodifiableMap(map);
    }

    /** The same migrations, with the folder's entries that were passed over and why (warnings, never fatal). */
    MigrationCatalog withIgnored(List<FileProblem> passedOver) {
        return new MigrationCatalog(ordered, passedOver, flyway);
    }

    /** The same migrations, with what a folder of Flyway scripts adds. */
    MigrationCatalog withFlyway(FlywayPart part) {
        return new MigrationCatalog(ordered, ignored, part);
    }

    /** The Flyway configuration the folder was read with; null when it has none. */
    public FlywaySettings flywaySettings() {
        return flyway.settings();
    }

    /** Flyway's checksum of a migration's versioned script; empty for files of other layouts. */
    public Optional<Integer> flywayChecksum(Migration m) {
        return Optional.ofNullable(flyway.checksums().get(m.fileName()));
    }

    /** The repeatable scripts, in the order they run (by description, as Flyway orders them). */
    public List<RepeatableMigration> repeatables() {
        return flyway.repeatables();
    }

    /**
     * Where a migration file is: in the migrations folder, or for a Flyway configuration with locations, in the
     * location it was found in.
     */
    public Path locate(Path migrationsDir, String fileName) {
        Path found = flyway.files().get(fileName);
        return found != null ? found : migrationsDir.resolve(fileName);
    }

    /** Entries of the folder that are not migrations and were passed over, each with the reason. */
    public List<FileProblem> ignored() {
        return ignored;
    }

    /** All migrations in run order. */
    public List<Migration> ordered() {
        return ordered;
    }

    public Optional<Migration> find(Version version) {
        return Optional.ofNullable(byVersion.get(version));
    }

    public boolean contains(Version version) {
        return byVersion.containsKey(version);
    }

    /** The highest version among the files, 0 when there are none. */
    public Version latestVersion() {
        return byVersion.keySet().stream().max(Comparator.naturalOrder()).orElse(Version.ZERO);
    }

    /** Position in run order, for sorting plans. */
    public int position(Version version) {
        Migration m = byVersion.get(version);
        return m == null ? -1 : ordered.indexOf(m);
    }
}
