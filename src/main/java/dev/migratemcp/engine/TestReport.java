package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.schema.SchemaDiff;

import java.util.List;

/**
 * A rehearsal on a scratch database: each migration up, down and up again, with the schema compared at each step.
 *
 * @param status      "ok" when every migration passed, "failed" otherwise, "nothing_to_test" when none was pending
 * @param baseVersion the version the scratch database was brought to first
 */
public record TestReport(String status, Version baseVersion, List<Result> results) {

    /**
     * @param status      ok, up_failed, down_failed, up_again_failed, down_mismatch (down did not restore the schema),
     *                    up_again_mismatch, or irreversible (no down section: only up was tested)
     * @param error       the failing statement's error, for the *_failed statuses
     * @param differences what differs, for the *_mismatch statuses
     */
    public record Result(Version version, String description, String status, ErrorInfo error,
                         List<SchemaDiff.Difference> differences, Long upMs, Long downMs, Long upAgainMs) {
    }
}
