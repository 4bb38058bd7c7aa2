package dev.migratemcp.migration;

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

    /** No migrations at all. */
    public static MigrationCatalog empty() {
        return new MigrationCatalog(List.of());
    }

    MigrationCatalog(List<Migration> ordered) {
        this(ordered, List.of());
    }

    private MigrationCatalog(List<Migration> ordered, List<FileProblem> ignored) {
        this.ignored = List.copyOf(ignored);
        this.ordered = List.copyOf(ordered);
        Map<Version, Migration> map = new LinkedHashMap<>();
        for (Migration m : ordered) {
            map.put(m.version(), m);
        }
        this.byVersion = Collections.unmodifiableMap(map);
    }

    /** The same migrations, with the folder's entries that were passed over and why (warnings, never fatal). */
    MigrationCatalog withIgnored(List<FileProblem> passedOver) {
        return new MigrationCatalog(ordered, passedOver);
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
