package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.ValidationReport.Problem;
import dev.migratemcp.migration.FileProblem;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationCatalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares the migration files with the history: the checks {@code validate} reports and that apply and rollback run
 * first, refusing to act on a database whose history no longer matches its files.
 */
final class HistoryChecks {

    static final String ERROR = "error";
    static final String WARNING = "warning";

    private HistoryChecks() {
    }

    static List<Problem> check(MigrationCatalog catalog, List<HistoryRow> rows) {
        List<Problem> problems = new ArrayList<>();
        for (FileProblem entry : catalog.ignored()) {
            problems.add(new Problem("ignored_file", WARNING, null, entry.file(), entry.toString()));
        }
        if (catalog.flywaySettings() != null) {
            String file = catalog.flywaySettings().file().getFileName().toString();
            for (String setting : catalog.flywaySettings().ignored()) {
                problems.add(new Problem("ignored_setting", WARNING, null, file, file + ": " + setting));
            }
        }
        Set<Version> applied = new HashSet<>();
        Version current = Version.ZERO;
        for (HistoryRow row : rows) {
            if (row.applied()) {
                applied.add(row.version());
                current = Version.max(current, row.version());
            }
        }
        for (HistoryRow row : rows) {
            Migration file = catalog.find(row.version()).orElse(null);
            if (row.failed()) {
                problems.add(failedProblem(row));
                continue;
            }
            if (file == null) {
                problems.add(new Problem("missing_file", ERROR, row.version(), null, "version " + row.version()
                        + " (" + row.description() + ") is applied but has no migration file"));
                continue;
            }
            if (row.checksum() == null) {
                problems.add(new Problem("checksum_unknown", WARNING, row.version(), file.fileName(),
                        "version " + row.version() + " was recorded without a checksum; its file cannot be verified"));
            } else if (!matches(catalog, row.checksum(), file)) {
                problems.add(new Problem("checksum_mismatch", ERROR, row.version(), file.fileName(),
                        file.fileName() + " changed after version " + row.version() + " was applied (recorded "
                                + abbreviate(row.checksum()) + ", file now " + abbreviate(nowAs(catalog,
                                row.checksum(), file)) + ")"));
            }
            for (Version dep : file.dependsOn()) {
                if (!applied.contains(dep)) {
                    problems.add(new Problem("dependency_unsatisfied", ERROR, row.version(), file.fileName(),
                            "version " + row.version() + " is applied but the version it depends on, " + dep
                                    + ", is not"));
                }
            }
        }
        for (Migration m : catalog.ordered()) {
            if (!applied.contains(m.version()) && m.version().isBelow(current)) {
                problems.add(new Problem("out_of_order", WARNING, m.version(), m.fileName(), "version " + m.version()
                        + " is pending but lower than the current version " + current
                        + "; apply runs it after later versions only with out of order allowed (--out-of-order)"));
            }
        }
        return problems;
    }

    private static Problem failedProblem(HistoryRow row) {
        String where = row.errorStatement() == null ? "was interrupted" : "failed at statement " + row.errorStatement();
        if (row.blocking()) {
            return new Problem("failed_migration", ERROR, row.version(), null, "version " + row.version() + " "
                    + where + " while " + (("down".equals(row.direction())) ? "reverting" : "applying") + " after "
                    + row.done() + " of " + row.statementsTotal() + " statements took effect: " + row.error());
        }
        return new Problem("failed_attempt", WARNING, row.version(), null, "the last attempt to apply version "
                + row.version() + " " + where + " and was rolled back; apply will retry it: " + row.error());
    }

    /**
     * Whether a recorded checksum is the file's as it is now. A row adopted from Flyway's history keeps Flyway's own
     * checksum ({@link FlywayHistory#CHECKSUM_PREFIX} and the number), compared with Flyway's checksum of the
     * script; any other is ours.
     */
    static boolean matches(MigrationCatalog catalog, String recorded, Migration file) {
        if (recorded == null) {
            return true;
        }
        return recorded.equalsIgnoreCase(nowAs(catalog, recorded, file));
    }

    /** The file's checksum now, computed the way the recorded one was. */
    static String nowAs(MigrationCatalog catalog, String recorded, Migration file) {
        if (recorded.startsWith(FlywayHistory.CHECKSUM_PREFIX)) {
            return catalog.flywayChecksum(file).map(n -> FlywayHistory.CHECKSUM_PREFIX + n).orElse(file.checksum());
        }
        return file.checksum();
    }

    static boolean hasErrors(List<Problem> problems) {
        return problems.stream().anyMatch(p -> ERROR.equals(p.severity()));
    }

    private static String abbreviate(String checksum) {
        return checksum.length() > 12 ? checksum.substring(0, 12) + "..." : checksum;
    }
}
