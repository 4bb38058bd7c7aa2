package dev.migratemcp.cli;

import dev.migratemcp.backup.BackupManifest;
import dev.migratemcp.engine.MigrationEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "backup", description = "Take a consistent backup of the database into the backups folder.")
final class BackupCommand extends EngineCommand {

    @Option(names = "--label", paramLabel = "TEXT", description = "Free text to remember the backup by.")
    String label;

    @Override
    int execute(MigrationEngine engine, Printer out) {
        BackupManifest m = engine.createBackup(label);
        out.result(m, () -> out.line("Backup " + m.id() + ": " + m.file() + " (" + m.sizeBytes() + " bytes, version "
                + m.schemaVersion() + ", sha256 " + m.sha256() + ")"));
        return MigrateCommand.EXIT_OK;
    }
}
