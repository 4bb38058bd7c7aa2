package dev.migratemcp.cli;

import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.PendingReport;
import picocli.CommandLine.Model.CommandSpec;

final class PendingCommand extends EngineCommand {

    private PendingCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        return Specs.command(new PendingCommand(globals),
                "List the migrations not yet applied, in the order they would run.");
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        PendingReport r = engine.pending();
        out.result(r, () -> {
            RestoreLines.print(out, "Restore: ", r.interruptedRestore());
            r.repeatables().forEach(rep -> out.line("Repeatable due after them: " + rep));
            if (r.pending().isEmpty()) {
                out.line("Nothing pending (current version " + r.currentVersion() + ").");
                return;
            }
            TextTable t = new TextTable("VERSION", "DESCRIPTION", "DEPENDS ON", "BACKUP", "TRANSACTION", "STATEMENTS");
            for (PendingReport.PendingMigration m : r.pending()) {
                t.row(m.version() + (m.outOfOrder() ? " (out of order)" : ""), m.description(),
                        m.dependsOn().isEmpty() ? "-" : m.dependsOn(), m.backupRequired() ? "required" : "-",
                        m.transactional() ? "yes" : "no", m.statements());
            }
            out.line(t.render());
        });
        return MigrateCommand.EXIT_OK;
    }
}
