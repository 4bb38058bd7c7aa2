package dev.migratemcp.engine;

import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.FileProblem;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationCatalog;
import dev.migratemcp.migration.RepeatableMigration;
import dev.migratemcp.migration.Version;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The verbs that report and change nothing: status, pending, history and show. Each reads the files and the history
 * afresh (history also without the files).
 */
final class StatusVerbs {

    private final MigrationEngine engine;

    StatusVerbs(MigrationEngine engine) {
        this.engine = engine;
    }

    StatusReport status() {
        return engine.withCheckedState((c, state, restore) -> {
            HistoryRow blocking = state.blockingFailure().orElse(null);
            String standing = restore != null && restore.isUnsettled() ? StatusReport.RESTORE_INTERRUPTED
                    : blocking == null ? "clean" : "failed";
            List<Version> pending = state.pending().stream().map(Migration::version).toList();
            return new StatusReport(engine.config().connection().redactedUrl(), engine.database().dialect().kind().id(),
                    engine.historyTable().name(), state.currentVersion(), state.catalog.latestVersion(),
                    state.appliedRows().size(), pending.size(), pending, standing,
                    blocking == null ? null : RunChecks.failedMigration(blocking, inDoubt(c, state, blocking)),
                    state.lastCleanFailure().map(RunChecks::failedMigration).orElse(null),
                    ignoredEntries(state.catalog),
                    historySource(c, state.catalog, state.rows),
                    engine.dueRepeatables(c, state.catalog).stream().map(RepeatableMigration::fileName).toList(),
                    restore);
        });
    }

    PendingReport pending() {
        return engine.withCheckedState((c, state, restore) -> {
            Version current = state.currentVersion();
            boolean dbTransactional = engine.database().dialect().transactionalDdl();
            List<PendingReport.PendingMigration> list = state.pending().stream()
                    .map(m -> new PendingReport.PendingMigration(m.version(), m.description(), m.dependsOn(),
                            m.backupRequired(), m.up().transactional() && dbTransactional, m.version().isBelow(current),
                            m.up().statements().size(), m.fileName()))
                    .toList();
            return new PendingReport(current, list, engine.dueRepeatables(c, state.catalog).stream()
                    .map(RepeatableMigration::fileName).toList(), restore);
        });
    }

    /** The history table as recorded; shown even without the migration files (each row then says its file is gone). */
    HistoryReport history() {
        return engine.withConnection(c -> {
            InterruptedRestore restore = engine.interruptedRestore(c);
            DatabaseState state = new DatabaseState(engine.catalogIfPresent(), engine.historyTable().read(c));
            List<HistoryReport.Entry> entries = state.rows.stream().map(r -> new HistoryReport.Entry(r.version(),
                    r.description(), r.checksum(), r.state(), r.direction(), r.appliedAt(), r.appliedBy(),
                    r.executionMs(), r.statementsTotal(), r.statementsDone(), r.errorStatement(), r.errorSqlstate(),
                    r.error(), state.catalog.contains(r.version()))).toList();
            List<HistoryReport.RepeatableEntry> ran = engine.repeatableHistory().read(c).values().stream()
                    .map(r -> new HistoryReport.RepeatableEntry(r.description(), r.script(), r.checksum(), r.state(),
                            r.appliedAt(), r.appliedBy(), r.executionMs(), r.error())).toList();
            return new HistoryReport(engine.historyTable().name(), entries, ran, restore);
        });
    }

    ShowReport show(Version version) {
        return engine.withCheckedState((c, state, restore) -> {
            Migration m = state.catalog.find(version).orElseThrow(() -> new MigrateException(
                    ErrorCode.UNKNOWN_VERSION, "no migration file has version " + version,
                    "Use pending or history to see the versions there are.", Map.of("version", version), null));
            HistoryRow row = state.row(version).orElse(null);
            String status = row == null ? "pending" : row.applied() ? "applied" : "failed";
            boolean dbTransactional = engine.database().dialect().transactionalDdl();
            return new ShowReport(m.version(), m.description(), m.fileName(), m.checksum(),
                    engine.database().dialect().kind().id(), m.dependsOn(), m.backupRequired(), status,
                    row == null ? null : row.appliedAt(),
                    row == null || HistoryChecks.matches(state.catalog, row.checksum(), m),
                    PlannedMigration.of(m, Direction.UP, dbTransactional),
                    m.reversible() ? PlannedMigration.of(m, Direction.DOWN, dbTransactional) : null, restore);
        });
    }

    private StatementInDoubt inDoubt(Connection c, DatabaseState state, HistoryRow row) throws SQLException {
        Migration file = state.catalog.find(row.version()).orElse(null);
        return StatementEffect.describe(row, file, engine.statementEffect(c, row, file));
    }

    /** The folder's entries and the Flyway settings that were passed over, each with the reason, for status. */
    private static List<String> ignoredEntries(MigrationCatalog catalog) {
        List<String> out = new ArrayList<>(catalog.ignored().stream().map(FileProblem::toString).toList());
        if (catalog.flywaySettings() != null) {
            String file = catalog.flywaySettings().file().getFileName().toString();
            catalog.flywaySettings().ignored().forEach(setting -> out.add(file + ": " + setting));
        }
        return out;
    }

    /** Where the history comes from, for status: our table, the rows it adopted, or another tool's table. */
    private String historySource(Connection c, MigrationCatalog catalog, List<HistoryRow> rows) throws SQLException {
        String table = engine.historyTable().name();
        if (!engine.historyTable().exists(c)) {
            return engine.foreignHistory(c, catalog)
                    .map(f -> f.source() + " (read as it is; the next migrate copies it into " + table + ")")
                    .orElse(table + " (not created yet)");
        }
        List<String> adopted = rows.stream().map(HistoryRow::appliedBy)
                .filter(by -> by != null && by.startsWith(ForeignHistory.ADOPTED_BY)).distinct().toList();
        long count = rows.stream().filter(r -> adopted.contains(r.appliedBy())).count();
        return adopted.isEmpty() ? table : table + " (" + count + " row(s) " + String.join(", ",
                adopted.stream().map(by -> by + "'s " + (by.endsWith(FlywayHistory.TOOL)
                        ? FlywayHistory.table(catalog) : ForeignHistory.TABLE)).toList()) + ")";
    }
}
