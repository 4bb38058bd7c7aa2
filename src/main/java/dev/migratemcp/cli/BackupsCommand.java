package dev.migratemcp.cli;

import dev.migratemcp.engine.BackupList;
import dev.migratemcp.engine.MigrationEngine;
import picocli.CommandLine.Model.CommandSpec;

final class BackupsCommand extends EngineCommand {

    private BackupsCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        return Specs.command(new BackupsCommand(globals), "List the backups in the backups folder, newest first.");
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        BackupList r = engine.listBackups();
        out.result(r, () -> {
            TextTable t = new TextTable("ID", "DATABASE", "VERSION", "METHOD", "BYTES", "CREATED", "LABEL");
            r.backups().forEach(m -> t.row(m.id(), m.databaseKind(), m.schemaVersion(), m.method(), m.sizeBytes(),
                    m.createdAt(), m.label()));
            out.line(t.isEmpty() ? "No backups in " + r.folder() + "." : t.render());
        });
        return MigrateCommand.EXIT_OK;
    }
}
