package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.BaselineReport;
import dev.migratemcp.engine.MigrationEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "baseline", description = "Record an existing database as being at a version without running "
        + "anything, after checking its schema matches.")
final class BaselineCommand extends EngineCommand {

    @Option(names = "--version", paramLabel = "N", required = true, converter = VersionArguments.class,
            description = "The version its schema is at.")
    Version version;

    @Option(names = {"-y", "--yes"}, description = "Record it (without: show what would be recorded).")
    boolean yes;

    @Override
    int execute(MigrationEngine engine, Printer out) {
        BaselineReport r = engine.baseline(version, yes);
        out.result(r, () -> out.line((r.status().equals("baselined") ? "Recorded " : "Would record ")
                + r.versions() + " as applied (schema checked against the " + r.checkedAgainst().replace('_', ' ')
                + ")." + (yes ? "" : " Run again with --yes to record it.")));
        return yes ? MigrateCommand.EXIT_OK : MigrateCommand.EXIT_USAGE;
    }
}
