package dev.migratemcp.engine;

import java.util.List;

/** Files checked against the history. {@code valid} is false when any problem has severity "error". */
public record ValidationReport(boolean valid, int migrationsChecked, int appliedChecked, List<Problem> problems) {

    /**
     * @param kind     e.g. checksum_mismatch, missing_file, failed_migration, dependency_unsatisfied, out_of_order
     * @param severity "error" or "warning"
     * @param object   what the problem is about (a file name, a table), when there is one
     */
    public record Problem(String kind, String severity, Long version, String object, String message) {
    }
}
