package dev.migratemcp.cli;

import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ValidationReport;
import picocli.CommandLine.Command;

@Command(name = "validate", description = "Check the files against the history: checksums, missing files, "
        + "failed migrations, dependencies. Exits 1 when anything is wrong.")
final class ValidateCommand extends EngineCommand {

    @Override
    int execute(MigrationEngine engine, Printer out) {
        ValidationReport r = engine.validate();
        out.result(r, () -> {
            for (ValidationReport.Problem p : r.problems()) {
                out.line(p.severity() + " [" + p.kind() + "]" + (p.version() == null ? "" : " version " + p.version())
                        + ": " + p.message());
            }
            out.line((r.valid() ? "Valid" : "Invalid") + ": " + r.migrationsChecked() + " file(s), "
                    + r.appliedChecked() + " history row(s) checked.");
        });
        return r.valid() ? MigrateCommand.EXIT_OK : MigrateCommand.EXIT_FAILED;
    }
}
