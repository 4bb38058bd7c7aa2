package dev.migratemcp.cli;

import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ValidationReport;
import picocli.CommandLine.Model.CommandSpec;

final class ValidateCommand extends EngineCommand {

    private ValidateCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        return Specs.command(new ValidateCommand(globals),
                "Check the files against the history: checksums, missing files, failed "
                + "migrations, dependencies. Exits 1 when anything is wrong.");
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        ValidationReport r = engine.validate();
        out.result(r, () -> printProblems(out, r));
        return r.valid() ? MigrateCommand.EXIT_OK : MigrateCommand.EXIT_FAILED;
    }

    static void printProblems(Printer out, ValidationReport r) {
        for (ValidationReport.Problem p : r.problems()) {
            out.line(p.severity() + " [" + p.kind() + "]" + (p.object() == null ? "" : " " + p.object()) + ": "
                    + p.message());
        }
        out.line((r.valid() ? "Valid" : "Invalid") + " at version " + r.currentVersion() + ": "
                + r.migrationsChecked() + " file(s), " + r.appliedChecked() + " history row(s) checked"
                + (r.driftChecked() ? ", live schema compared with its reference." : "."));
    }
}
