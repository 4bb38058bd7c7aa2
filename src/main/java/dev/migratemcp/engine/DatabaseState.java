package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationCatalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The files and the history read together at one moment: what is applied, what is pending, what failed. */
final class DatabaseState {

    final MigrationCatalog catalog;
    final List<HistoryRow> rows;
    private final Map<Version, HistoryRow> byVersion = new LinkedHashMap<>();

    DatabaseState(MigrationCatalog catalog, List<HistoryRow> rows) {
        this.catalog = catalog;
        this.rows = rows;
        for (HistoryRow r : rows) {
            byVersion.put(r.version(), r);
        }
    }

    Optional<HistoryRow> row(Version version) {
        return Optional.ofNullable(byVersion.get(version));
    }

    boolean isApplied(Version version) {
        HistoryRow r = byVersion.get(version);
        return r != null && r.applied();
    }

    /** Highest applied version; 0 when none. */
    Version currentVersion() {
        return currentVersionOf(rows);
    }

    /** Highest applied version among history rows; 0 when none. Needs no migration files. */
    static Version currentVersionOf(List<HistoryRow> rows) {
        return rows.stream().filter(HistoryRow::applied).map(HistoryRow::version).max(Comparator.naturalOrder())
                .orElse(Version.ZERO);
    }

    List<HistoryRow> appliedRows() {
        return rows.stream().filter(HistoryRow::applied).toList();
    }

    /** Files not applied, in run order. */
    List<Migration> pending() {
        List<Migration> out = new ArrayList<>();
        for (Migration m : catalog.ordered()) {
            if (!isApplied(m.version())) {
                out.add(m);
            }
        }
        return out;
    }

    Optional<HistoryRow> blockingFailure() {
        return rows.stream().filter(HistoryRow::blocking).findFirst();
    }

    /** The most recent failure that left nothing behind, for status to mention. */
    Optional<HistoryRow> lastCleanFailure() {
        return rows.stream().filter(r -> r.failed() && !r.blocking()).reduce((a, b) -> b);
    }
}
