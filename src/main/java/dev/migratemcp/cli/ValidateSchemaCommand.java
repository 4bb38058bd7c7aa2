package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ValidationReport;
import picocli.CommandLine.Model.CommandSpec;

import static dev.migratemcp.cli.Specs.flag;
import static dev.migratemcp.cli.Specs.version;

final class ValidateSchemaCommand extends EngineCommand {

    Version expectedVersion;
    boolean noRecord;

    private ValidateSchemaCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        ValidateSchemaCommand verb = new ValidateSchemaCommand(globals);
        return Specs.command(verb, "validate, plus the version and drift: the live schema against the "
                + "snapshot recorded for the current version (or, without one, a rehearsal of the applied migrations "
                + "on a scratch database). Exits 1 when anything is wrong, including no reference to compare with.")
                .addOption(version(v -> verb.expectedVersion = v, "--expected-version")
                        .description("The version the database should be at.").build())
                .addOption(flag(v -> verb.noRecord = v, "--no-record")
                        .description("Do not record a rehearsed reference for next time (write nothing).").build());
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        ValidationReport r = engine.validateSchema(expectedVersion, !noRecord);
        out.result(r, () -> ValidateCommand.printProblems(out, r));
        return r.valid() ? MigrateCommand.EXIT_OK : MigrateCommand.EXIT_FAILED;
    }
}
