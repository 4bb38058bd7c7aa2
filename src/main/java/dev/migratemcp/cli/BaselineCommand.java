package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.BaselineReport;
import dev.migratemcp.engine.MigrationEngine;
import picocli.CommandLine.Model.CommandSpec;

import static dev.migratemcp.cli.Specs.flag;
import static dev.migratemcp.cli.Specs.version;

final class BaselineCommand extends EngineCommand {

    Version version;
    boolean yes;

    private BaselineCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        BaselineCommand verb = new BaselineCommand(globals);
        return Specs.command(verb, "Record an existing database as being at a version without running "
                + "anything, after checking its schema matches.")
                .addOption(version(v -> verb.version = v, "--version").required(true)
                        .description("The version its schema is at.").build())
                .addOption(flag(v -> verb.yes = v, "-y", "--yes")
                        .description("Record it (without: show what would be recorded).").build());
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        BaselineReport r = engine.baseline(version, yes);
        out.result(r, () -> out.line((r.status().equals("baselined") ? "Recorded " : "Would record ")
                + r.versions() + " as applied (schema checked against the " + r.checkedAgainst().replace('_', ' ')
                + ")." + (yes ? "" : " Run again with --yes to record it.")));
        return yes ? MigrateCommand.EXIT_OK : MigrateCommand.EXIT_USAGE;
    }
}
