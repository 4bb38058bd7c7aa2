package dev.migratemcp.cli;

import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "validate-schema", description = "validate, plus the version and drift: the live schema against the "
        + "snapshot recorded for the current version. Exits 1 when anything is wrong.")
final class ValidateSchemaCommand extends EngineCommand {

    @Option(names = "--expected-version", paramLabel = "N", converter = VersionArguments.Target.class,
            description = "The version the database should be at.")
    Long expectedVersion;

    @Override
    int execute(MigrationEngine engine, Printer out) {
        ValidationReport r = engine.validateSchema(expectedVersion);
        out.result(r, () -> ValidateCommand.printProblems(out, r));
        return r.valid() ? MigrateCommand.EXIT_OK : MigrateCommand.EXIT_FAILED;
    }
}
