package dev.migratemcp.cli;

import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.RestoreReport;
import picocli.CommandLine.Model.CommandSpec;

import static dev.migratemcp.cli.Specs.flag;
import static dev.migratemcp.cli.Specs.value;

final class RestoreCommand extends EngineCommand {

    String id;
    boolean yes;

    private RestoreCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        RestoreCommand verb = new RestoreCommand(globals);
        return Specs.command(verb, "Replace the database with a backup (a safety backup is taken first).")
                .addOption(value(String.class, "ID", v -> verb.id = v, "--id").required(true)
                        .description("The backup's id.").build())
                .addOption(flag(v -> verb.yes = v, "-y", "--yes")
                        .description("Restore (without: show what would be replaced).").build());
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        RestoreReport r = engine.restoreBackup(id, yes);
        out.result(r, () -> out.line(r.status().equals("restored")
                ? "Restored " + r.backup().id() + ": version " + r.fromVersion() + " -> " + r.toVersion()
                + ". The state before is in backup " + r.safetyBackup().id() + "."
                : "Would replace the database at version " + r.fromVersion() + " with backup " + r.backup().id()
                + " (version " + r.toVersion() + "). Run again with --yes to restore."));
        return yes ? MigrateCommand.EXIT_OK : MigrateCommand.EXIT_USAGE;
    }
}
