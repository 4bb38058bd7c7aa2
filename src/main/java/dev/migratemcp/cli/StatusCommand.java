package dev.migratemcp.cli;

import dev.migratemcp.engine.FailedMigration;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.StatusReport;
import picocli.CommandLine.Model.CommandSpec;

final class StatusCommand extends EngineCommand {

    private StatusCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        return Specs.command(new StatusCommand(globals),
                "Show the current version, the latest version and what is pending.");
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        StatusReport r = engine.status();
        out.result(r, () -> {
            out.line("Database:        " + r.database() + " (" + r.dialect() + ")");
            out.line("Current version: " + r.currentVersion());
            out.line("Latest version:  " + r.latestVersion());
            out.line("Applied:         " + r.appliedCount());
            out.line("Pending:         " + r.pendingCount() + (r.pendingVersions().isEmpty() ? ""
                    : " " + r.pendingVersions()));
            out.line("State:           " + r.state());
            out.line("History:         " + r.historySource());
            if (!r.pendingRepeatables().isEmpty()) {
                out.line("Repeatables due: " + String.join(", ", r.pendingRepeatables()));
            }
            RestoreLines.print(out, "Restore:         ", r.interruptedRestore());
            describe(out, "Failed", r.failed());
            describe(out, "Last failure", r.lastFailure());
            r.warnings().forEach(w -> out.line("Warning: " + w));
        });
        return MigrateCommand.EXIT_OK;
    }

    private static void describe(Printer out, String label, FailedMigration f) {
        if (f == null) {
            return;
        }
        out.line(label + ": version " + f.version() + " (" + f.direction() + "), " + f.statementsDone() + " of "
                + f.statementsTotal() + " statements done" + (f.errorStatement() == null ? ", interrupted"
                : ", statement " + f.errorStatement() + " failed [" + f.sqlState() + "]") + ": " + f.error());
        out.line("  " + f.hint());
    }
}
