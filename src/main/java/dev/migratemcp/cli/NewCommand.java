package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.CreatedMigration;
import dev.migratemcp.engine.MigrationEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "new", description = "Write the next migration file (checked and rehearsed first; never overwrites).")
final class NewCommand extends EngineCommand {

    @Option(names = "--description", paramLabel = "TEXT", required = true, description = "What it does.")
    String description;

    @Option(names = "--up", paramLabel = "SQL", required = true, description = "The SQL that applies the change.")
    String up;

    @Option(names = "--down", paramLabel = "SQL", description = "The SQL that undoes it.")
    String down;

    @Option(names = "--depends-on", paramLabel = "N", split = ",", converter = VersionArguments.class,
            description = "Versions it needs first.")
    List<Version> dependsOn = List.of();

    @Option(names = "--backup-required", description = "The change puts existing data at risk.")
    boolean backupRequired;

    @Option(names = "--no-rehearse", description = "Skip the rehearsal (up, down, up again) on a scratch database "
            + "that otherwise checks the SQL before the file is written.")
    boolean noRehearse;

    @Override
    int execute(MigrationEngine engine, Printer out) {
        CreatedMigration m = engine.createMigration(description, up, down, dependsOn, backupRequired, !noRehearse);
        out.result(m, () -> out.line("Wrote " + m.file() + " (version " + m.version() + ")"
                + (m.test() == null ? "; not rehearsed." : " after a rehearsal: " + m.test().status() + ".")));
        return MigrateCommand.EXIT_OK;
    }
}
