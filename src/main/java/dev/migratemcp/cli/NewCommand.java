package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.CreatedMigration;
import dev.migratemcp.engine.MigrationEngine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;

import static dev.migratemcp.cli.Specs.flag;
import static dev.migratemcp.cli.Specs.list;
import static dev.migratemcp.cli.Specs.value;

final class NewCommand extends EngineCommand {

    String description;
    String up;
    String down;
    List<Version> dependsOn = List.of();
    boolean backupRequired;
    boolean noRehearse;

    private NewCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        NewCommand verb = new NewCommand(globals);
        return Specs.command(verb, "Write the next migration file (checked and rehearsed first; never overwrites).")
                .addOption(value(String.class, "TEXT", v -> verb.description = v, "--description").required(true)
                        .description("What it does.").build())
                .addOption(value(String.class, "SQL", v -> verb.up = v, "--up").required(true)
                        .description("The SQL that applies the change.").build())
                .addOption(value(String.class, "SQL", v -> verb.down = v, "--down")
                        .description("The SQL that undoes it.").build())
                .addOption(list(Version.class, "N", v -> verb.dependsOn = v, "--depends-on").splitRegex(",")
                        .converters(new VersionArguments()).description("Versions it needs first.").build())
                .addOption(flag(v -> verb.backupRequired = v, "--backup-required")
                        .description("The change puts existing data at risk.").build())
                .addOption(flag(v -> verb.noRehearse = v, "--no-rehearse")
                        .description("Skip the rehearsal (up, down, up again) on "
                        + "a scratch database that otherwise checks the SQL before the file is written.").build());
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        CreatedMigration m = engine.createMigration(description, up, down, dependsOn, backupRequired, !noRehearse);
        out.result(m, () -> out.line("Wrote " + m.file() + " (version " + m.version() + ")"
                + (m.test() == null ? "; not rehearsed." : " after a rehearsal: " + m.test().status() + ".")));
        return MigrateCommand.EXIT_OK;
    }
}
