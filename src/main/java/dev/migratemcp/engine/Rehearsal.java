package dev.migratemcp.engine;

import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.Version;
import dev.migratemcp.schema.SchemaDiff;
import dev.migratemcp.schema.SchemaSnapshot;

import java.util.List;

/** One migration's up, down and up again on a scratch database, with the schema checked after each step. */
final class Rehearsal {

    private final MigrationEngine scratch;
    private final Migration migration;

    Rehearsal(MigrationEngine scratch, Migration migration) {
        this.scratch = scratch;
        this.migration = migration;
    }

    TestReport.Result run() {
        StatusReport status = scratch.status();
        // null: nothing applied, so reverting takes everything, a golang-migrate migration 0 included
        Version before = status.appliedCount() == 0 ? null : status.currentVersion();
        SchemaSnapshot s0 = scratch.describeSchema(null);
        long t = System.nanoTime();
        try {
            scratch.apply(migration.version(), false, ProgressListener.NONE);
        } catch (MigrateException e) {
            return result("up_failed", e.error(), List.of(), null, null, null);
        }
        long upMs = millisSince(t);
        SchemaSnapshot s1 = scratch.describeSchema(null);
        if (!migration.reversible()) {
            return result("irreversible", null, List.of(), upMs, null, null);
        }
        t = System.nanoTime();
        try {
            scratch.rollback(before, ProgressListener.NONE);
        } catch (MigrateException e) {
            return result("down_failed", e.error(), List.of(), upMs, null, null);
        }
        long downMs = millisSince(t);
        List<SchemaDiff.Difference> afterDown = SchemaDiff.between(s0, scratch.describeSchema(null));
        if (!afterDown.isEmpty()) {
            return result("down_mismatch", null, afterDown, upMs, downMs, null);
        }
        t = System.nanoTime();
        try {
            scratch.apply(migration.version(), false, ProgressListener.NONE);
        } catch (MigrateException e) {
            return result("up_again_failed", e.error(), List.of(), upMs, downMs, null);
        }
        long upAgainMs = millisSince(t);
        List<SchemaDiff.Difference> afterUpAgain = SchemaDiff.between(s1, scratch.describeSchema(null));
        return result(afterUpAgain.isEmpty() ? "ok" : "up_again_mismatch", null, afterUpAgain, upMs, downMs,
                upAgainMs);
    }

    private TestReport.Result result(String status, ErrorInfo error, List<SchemaDiff.Difference> differences,
                                     Long upMs, Long downMs, Long upAgainMs) {
        return new TestReport.Result(migration.version(), migration.description(), status, error, differences, upMs,
                downMs, upAgainMs);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
