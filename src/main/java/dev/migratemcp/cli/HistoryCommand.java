package dev.migratemcp.cli;

import dev.migratemcp.engine.HistoryReport;
import dev.migratemcp.engine.MigrationEngine;
import picocli.CommandLine.Model.CommandSpec;

final class HistoryCommand extends EngineCommand {

    private HistoryCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        return Specs.command(new HistoryCommand(globals),
                "Show the history table: what was applied, when, by whom, and failures.");
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        HistoryReport r = engine.history();
        out.result(r, () -> {
            RestoreLines.print(out, "Restore: ", r.interruptedRestore());
            if (r.entries().isEmpty()) {
                out.line("No migration has been applied (history table " + r.historyTable() + ").");
                return;
            }
            TextTable t = new TextTable("VERSION", "DESCRIPTION", "STATE", "APPLIED AT", "BY", "MS", "STATEMENTS",
                    "FILE");
            for (HistoryReport.Entry e : r.entries()) {
                String statements = e.statementsTotal() == null ? "" : e.statementsDone() + "/" + e.statementsTotal();
                t.row(e.version(), e.description(), e.state() + ("down".equals(e.direction()) && "failed".equals(
                        e.state()) ? " (down)" : ""), e.appliedAt(), e.appliedBy(), e.executionMs(), statements,
                        e.filePresent() ? "present" : "MISSING");
            }
            out.line(t.render());
            r.entries().stream().filter(e -> e.error() != null)
                    .forEach(e -> out.line("version " + e.version() + " error: " + e.error()));
            if (!r.repeatables().isEmpty()) {
                TextTable rt = new TextTable("REPEATABLE", "SCRIPT", "STATE", "APPLIED AT", "BY", "MS", "CHECKSUM");
                r.repeatables().forEach(e -> rt.row(e.description(), e.script(), e.state(), e.appliedAt(),
                        e.appliedBy(), e.executionMs(), e.checksum()));
                out.line(rt.render());
                r.repeatables().stream().filter(e -> e.error() != null)
                        .forEach(e -> out.line("repeatable " + e.script() + " error: " + e.error()));
            }
        });
        return MigrateCommand.EXIT_OK;
    }
}
