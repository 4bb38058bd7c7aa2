package dev.migratemcp.engine;

import java.util.List;

/**
 * What apply did, or with {@code status = "dry_run"} what it would do.
 *
 * @param status  "applied", "up_to_date" or "dry_run"
 * @param plan    the exact SQL per migration (filled for dry runs)
 * @param notes   things worth knowing that did not stop the run (history table adopted, out-of-order versions)
 */
public record ApplyReport(String status, long fromVersion, long toVersion, List<AppliedMigration> applied,
                          List<PlannedMigration> plan, List<String> notes) {

    public record AppliedMigration(long version, String description, long executionMs, int statements) {
    }
}
