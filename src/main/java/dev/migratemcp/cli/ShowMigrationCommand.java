package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ShowReport;
import picocli.CommandLine.Model.CommandSpec;

import static dev.migratemcp.cli.Specs.version;

final class ShowMigrationCommand extends EngineCommand {

    Version version;

    private ShowMigrationCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        ShowMigrationCommand verb = new ShowMigrationCommand(globals);
        return Specs.command(verb, "Show one migration: its details and the SQL it runs here.")
                .addOption(version(v -> verb.version = v, "--version").required(true)
                        .description("The migration's version.").build());
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        ShowReport r = engine.show(version);
        out.result(r, () -> {
            out.line("Version:     " + r.version());
            out.line("Description: " + r.description());
            out.line("File:        " + r.file());
            out.line("Checksum:    " + r.checksum() + (r.checksumMatches() ? "" : "  (CHANGED since applied)"));
            out.line("Status:      " + r.status() + (r.appliedAt() == null ? "" : " at " + r.appliedAt()));
            out.line("Depends on:  " + (r.dependsOn().isEmpty() ? "-" : r.dependsOn()));
            out.line("Backup:      " + (r.backupRequired() ? "required" : "not required"));
            out.line("Database:    " + r.dialect());
            RestoreLines.print(out, "Restore:     ", r.interruptedRestore());
            out.line("");
            PlanText.print(out, r.up());
            if (r.down() == null) {
                out.line("-- no down section: this migration cannot be reverted");
            } else {
                PlanText.print(out, r.down());
            }
        });
        return MigrateCommand.EXIT_OK;
    }
}
