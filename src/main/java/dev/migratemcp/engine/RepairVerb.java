package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.dialect.MigrationLock;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The repair verb: the ways out of a migration that failed part-way, and the way to accept a deliberate edit of an
 * applied migration's file.
 */
final class RepairVerb {

    private final MigrationEngine engine;

    RepairVerb(MigrationEngine engine) {
        this.engine = engine;
    }

    /**
     * Shows the ways out of a failed migration or, with {@code confirm} and an action, takes one. Without confirm
     * nothing changes.
     */
    RepairReport repair(Version version, String action, boolean confirm, ProgressListener listener) {
        RepairAction chosen = action == null || action.isBlank() ? null : RepairAction.parse(action);
        if (!confirm || chosen == null) {
            return engine.withState((c, state) -> options(c, state, version));
        }
        MigrationEngine.CatalogLoad catalog = engine.new CatalogLoad(true);
        return engine.withConnection(c -> {
            try (MigrationLock ignored = engine.lock(c)) {
                DatabaseState state = engine.prepareHistory(c, catalog, new ArrayList<>());
                if (chosen == RepairAction.ACCEPT_CHECKSUM) {
                    return acceptChecksum(c, state, version);
                }
                HistoryRow row = failedRow(state, version);
                Migration file = state.catalog.find(version).orElse(null);
                StatementEffect.Effect doubt = engine.statementEffect(c, row, file);
                RepairPlanner planner = new RepairPlanner(row, file, doubt);
                RepairPlanner.Run run = planner.run(chosen);
                if (run == null) {
                    throw new MigrateException(ErrorCode.REPAIR_NOT_POSSIBLE, chosen.id() + " is not possible for "
                            + "version " + version + ": " + planner.whyNot(chosen), "Run repair without confirm "
                            + "to see the options that are.", Map.of("version", version, "action", chosen.id()), null);
                }
                switch (chosen) {
                    case MARK_REVERTED -> engine.historyTable().delete(c, version);
                    case MARK_STATEMENT_DONE -> engine.runner(listener).settle(c, row, true);
                    case MARK_STATEMENT_NOT_DONE -> engine.runner(listener).settle(c, row, false);
                    default -> engine.runner(listener).repair(c, file, row, run);
                }
                DatabaseState after = new DatabaseState(state.catalog, engine.historyTable().read(c));
                // a repair that brings the database to a new version records that version's schema; after
                // mark_reverted the old reference stays, so validation shows whatever the hand-undo left behind
                if (chosen != RepairAction.MARK_REVERTED && !after.currentVersion().equals(state.currentVersion())) {
                    engine.snapshots().record(c, after.currentVersion());
                }
                HistoryRow still = after.row(version).filter(HistoryRow::failed).orElse(null);
                if (still == null) {
                    return repairReport("repaired", row, after, planner.options(), chosen.id(), null);
                }
                // settled a statement in doubt: what can be done now
                StatementEffect.Effect doubtNow = engine.statementEffect(c, still, file);
                return repairReport("repaired", still, after, new RepairPlanner(still, file, doubtNow).options(),
                        chosen.id(), StatementEffect.describe(still, file, doubtNow));
            }
        });
    }

    /** What can be done for the version, changing nothing. */
    private RepairReport options(Connection c, DatabaseState state, Version version) throws SQLException {
        HistoryRow applied = state.row(version).filter(HistoryRow::applied).orElse(null);
        if (applied != null) {
            Migration file = state.catalog.find(version).orElse(null);
            if (file != null && applied.checksum() != null
                    && HistoryChecks.matches(state.catalog, applied.checksum(), file)) {
                throw new MigrateException(ErrorCode.NOTHING_TO_REPAIR, "version " + version + " is applied and its "
                        + "file is as it was: there is nothing to repair", "get_current_version / status names a "
                        + "failed migration, if there is one.", Map.of("version", version), null);
            }
            return changedFileReport("confirmation_required", applied, file, state, null);
        }
        HistoryRow row = failedRow(state, version);
        Migration file = state.catalog.find(version).orElse(null);
        StatementEffect.Effect doubt = engine.statementEffect(c, row, file);
        return repairReport("confirmation_required", row, state, new RepairPlanner(row, file, doubt).options(), null,
                StatementEffect.describe(row, file, doubt));
    }

    private RepairReport acceptChecksum(Connection c, DatabaseState state, Version version) throws SQLException {
        HistoryRow row = state.row(version).orElse(null);
        if (row == null || !row.applied()) {
            throw new MigrateException(ErrorCode.REPAIR_NOT_POSSIBLE, "accept_checksum is for an applied migration "
                    + "whose file changed; version " + version + " is " + (row == null ? "not applied" : "failed"),
                    row == null ? "Nothing to accept: apply it instead." : "Run repair without an action to see "
                            + "the ways out of the failure.", Map.of("version", version), null);
        }
        Migration file = state.catalog.find(version).orElse(null);
        String whyNot = whyChecksumCannotBeAccepted(row, file);
        if (whyNot != null) {
            throw new MigrateException(ErrorCode.REPAIR_NOT_POSSIBLE, "accept_checksum is not possible for version "
                    + version + ": " + whyNot, "Run repair without confirm to see the state.",
                    Map.of("version", version, "action", RepairAction.ACCEPT_CHECKSUM.id()), null);
        }
        engine.historyTable().replaceChecksum(c, version, file.checksum());
        return changedFileReport("repaired", row, file, state, RepairAction.ACCEPT_CHECKSUM.id());
    }

    /**
     * An applied migration whose file changed (or is gone): the one action that concerns it, with the down SQL a
     * rollback would run once the new file is accepted. {@code action} is set once it was taken.
     */
    private static RepairReport changedFileReport(String status, HistoryRow row, Migration file, DatabaseState state,
                                                  String action) {
        String whyNot = action == null ? whyChecksumCannotBeAccepted(row, file) : null;
        List<PlannedStatement> down = new ArrayList<>();
        if (file != null && file.down() != null) {
            List<MigrationStatement> statements = file.down().statements();
            for (int i = 0; i < statements.size(); i++) {
                MigrationStatement s = statements.get(i);
                down.add(new PlannedStatement(i + 1, s.line(), s.sql(), s.batch()));
            }
        }
        String changed = file == null ? "its file is gone" : "its file changed after it was applied (checksum "
                + "recorded " + row.checksum() + ", now " + file.checksum() + ")";
        RepairReport.Option option = new RepairReport.Option(RepairAction.ACCEPT_CHECKSUM.id(), whyNot == null,
                whyNot != null ? whyNot : "records the file's checksum as it is now. Nothing runs: the up SQL is not "
                        + "applied again, so accept only edits that do not change what it did (a corrected down "
                        + "section, comments); a rollback will run the down SQL listed here", down);
        int total = row.statementsTotal() == null ? 0 : row.statementsTotal();
        return new RepairReport(status, "file_changed", row.version(), row.description(), "up", row.done(), total,
                action == null ? changed : null, List.of(option), action, state.currentVersion(), null);
    }

    private static String whyChecksumCannotBeAccepted(HistoryRow row, Migration file) {
        if (file == null) {
            return "the migration file is gone; restore it first";
        }
        if (row.checksum() != null && row.checksum().equalsIgnoreCase(file.checksum())) {
            return "the file already has the checksum it was applied with";
        }
        return null;
    }

    private static HistoryRow failedRow(DatabaseState state, Version version) {
        return state.row(version).filter(HistoryRow::failed).orElseThrow(() -> new MigrateException(
                ErrorCode.NOTHING_TO_REPAIR, "version " + version + " has no failed migration to repair",
                "get_current_version / status names the failed migration, if there is one.",
                Map.of("version", version), null));
    }

    private static RepairReport repairReport(String status, HistoryRow row, DatabaseState state,
                                             List<RepairReport.Option> options, String action,
                                             StatementInDoubt inDoubt) {
        return new RepairReport(status, "failed", row.version(), row.description(), row.direction() == null ? "up"
                : row.direction(), row.done(), row.total(), row.error(), options, action, state.currentVersion(),
                inDoubt);
    }
}
