package dev.migratemcp.cli;

import dev.migratemcp.backup.BackupManifest;
import dev.migratemcp.engine.MigrationEngine;
import picocli.CommandLine.Model.CommandSpec;

import static dev.migratemcp.cli.Specs.value;

final class BackupCommand extends EngineCommand {

    String label;

    private BackupCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        BackupCommand verb = new BackupCommand(globals);
        return Specs.command(verb, "Take a consistent backup of the database into the backups folder.")
                .addOption(value(String.class, "TEXT", v -> verb.label = v, "--label")
                        .description("Free text to remember the backup by.").build());
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        BackupManifest m = engine.createBackup(label);
        out.result(m, () -> out.line("Backup " + m.id() + ": " + m.file() + " (" + m.sizeBytes() + " bytes, version "
                + m.schemaVersion() + ", sha256 " + m.sha256() + ")"));
        return MigrateCommand.EXIT_OK;
    }
}
