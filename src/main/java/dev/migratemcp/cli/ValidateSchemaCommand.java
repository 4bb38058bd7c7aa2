package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "validate-schema", description = "validate, plus the version and drift: the live schema against the "
        + "snapshot recorded for the current version (or, without one, a rehearsal of the applied migrations on a "
        + "scratch database). Exits 1 when anything is wrong, including no reference to compare with.")
final class ValidateSchemaCommand extends EngineCommand {

    @Option(names = "--expected-version", paramLabel = "N", converter = VersionArguments.class,
            description = "The version the database should be at.")
    Version expectedVersion;

    @Option(names = "--no-record", description = "Do not record a rehearsed reference for next time (write nothing).")
    boolean noRecord;

    @Override
    int execute(MigrationEngine engine, Printer out) {
        ValidationReport r = engine.validateSchema(expectedVersion, !noRecord);
        out.result(r, () -> ValidateCommand.printProblems(out, r));
        return r.valid() ? MigrateCommand.EXIT_OK : MigrateCommand.EXIT_FAILED;
    }
}
