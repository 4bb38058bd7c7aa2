package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import java.util.List;

/**
 * Files checked against the history, and with {@code validate_schema} the live schema against the schema the current
 * version should have (its recorded snapshot, or a rehearsal of the applied migrations). {@code valid} is false
 * when any problem has severity "error".
 *
 * @param currentVersion   the version the history says the database is at
 * @param liveSchemaHash   hash of the live schema, when it was read (schema validation); null otherwise
 * @param driftChecked     whether the live schema was compared with a reference (false: none could be had)
 */
public record ValidationReport(boolean valid, Version currentVersion, int migrationsChecked, int appliedChecked,
                               String liveSchemaHash, boolean driftChecked, List<Problem> problems) {

    /**
     * @param kind     e.g. checksum_mismatch, missing_file, failed_migration, dependency_unsatisfied, out_of_order,
     *                 ignored_file (an entry of the migrations folder passed over), version_mismatch,
     *                 reference_rehearsed (info), no_reference (error: nothing to compare with),
     *                 restore_interrupted (error: a MySQL restore's swap is not settled, so the database may be half
     *                 swapped), restore_settled (info: this call settled one), and for drift
     *                 table_missing, column_changed, index_extra...
     * @param severity "error", "warning" or "info"
     * @param object   what the problem is about (a file name, a table), when there is one
     */
    public record Problem(String kind, String severity, Version version, String object, String message) {
    }
}
