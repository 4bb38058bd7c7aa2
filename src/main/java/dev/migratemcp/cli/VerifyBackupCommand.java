package dev.migratemcp.cli;

import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.VerifyReport;
import picocli.CommandLine.Model.CommandSpec;

import static dev.migratemcp.cli.Specs.flag;
import static dev.migratemcp.cli.Specs.value;

final class VerifyBackupCommand extends EngineCommand {

    String id;
    boolean deep;

    private VerifyBackupCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        VerifyBackupCommand verb = new VerifyBackupCommand(globals);
        return Specs.command(verb, "Check a backup: file, size, SHA-256, readable; with --deep, restored into "
                + "a scratch database and compared with its manifest.")
                .addOption(value(String.class, "ID", v -> verb.id = v, "--id").required(true)
                        .description("The backup's id.").build())
                .addOption(flag(v -> verb.deep = v, "--deep")
                        .description("Also restore it into a scratch database and compare its "
                        + "schema, rows and content hashes with the manifest.").build());
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        VerifyReport r = engine.verifyBackup(id, deep);
        out.result(r, () -> {
            r.problems().forEach(p -> out.line("problem: " + p));
            out.line("Backup " + r.backupId() + (r.valid() ? " is sound" : " is not sound")
                    + (r.deep() ? " (restored into a scratch database and compared)." : "."));
        });
        return r.valid() ? MigrateCommand.EXIT_OK : MigrateCommand.EXIT_FAILED;
    }
}
