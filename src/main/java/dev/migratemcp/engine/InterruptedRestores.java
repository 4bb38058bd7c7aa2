package dev.migratemcp.engine;

import dev.migratemcp.dialect.LockTimeoutException;
import dev.migratemcp.dialect.MigrationLock;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * What the verbs that take no lock do about a MySQL restore cut short during its swap, which otherwise only the next
 * command taking the migration lock settles: they look for its journal (one cheap query when there is none), settle
 * it themselves when the migration lock is free at once (the settling finishes or undoes what a confirmed restore
 * began, so the database is whole before it is described), and otherwise say plainly that the database may be half
 * swapped. A read-only engine never settles; a lock held by another command is not waited for (that command may be
 * the restore itself, still swapping).
 */
final class InterruptedRestores {

    private final MigrationEngine engine;

    InterruptedRestores(MigrationEngine engine) {
        this.engine = engine;
    }

    /** Null when no restore of this database is unsettled. */
    InterruptedRestore check(Connection c) throws SQLException {
        List<String> unsettled = engine.backups().unsettledRestores(c);
        if (unsettled.isEmpty()) {
            return null;
        }
        if (engine.readOnly()) {
            return InterruptedRestore.unsettled(unsettled, "this server is read-only, so it does not settle it",
                    "Run status (or any command) where it is not read-only, or migrate/restore/repair/baseline: "
                            + "each settles the restore from its journal first. Until then the database is not whole.");
        }
        try (MigrationLock ignored = engine.database().dialect().acquireLock(c, engine.historyTable().name(),
                Duration.ZERO)) {
            List<String> settled = engine.backups().settleInterruptedRestore(c);
            return settled.isEmpty() ? null : InterruptedRestore.settled(settled);
        } catch (LockTimeoutException e) {
            return InterruptedRestore.unsettled(unsettled, "another command holds the migration lock ("
                    + engine.redactor().redact(e.holder()) + ")", "Wait for that command to end, then ask again: a "
                    + "restore still swapping finishes by itself, and one cut short is settled by the next command "
                    + "that takes the migration lock (status included).");
        } catch (SQLException e) {
            return InterruptedRestore.unsettled(unsettled, "settling it failed: " + engine.redactor()
                    .redact(e.getMessage()), "Every command that changes the database refuses until it is settled; "
                    + "see the reason, fix it, and ask again.");
        }
    }

    /** For a verb that describes the schema: refuses while the database may be half swapped. */
    static void refuseDescribing(InterruptedRestore r) {
        refuse(r, "its schema is not described");
    }

    /**
     * For a verb whose answer rests on the schema and the history as they are (describe, plan): refuses while the
     * database may be half swapped, saying what was not done ({@code notDone}).
     */
    static void refuse(InterruptedRestore r, String notDone) {
        if (r != null && r.isUnsettled()) {
            throw new MigrateException(ErrorCode.RESTORE_INTERRUPTED, "the database may be half swapped by a restore, "
                    + "so " + notDone + ": " + r.message(), r.hint(), java.util.Map.of("interrupted_restore", r),
                    null);
        }
    }
}
