package dev.migratemcp.cli;

import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify-backup", description = "Check a backup: file, size, SHA-256, readable; with --deep, restored "
        + "into a scratch database and compared with its manifest.")
final class VerifyBackupCommand extends EngineCommand {

    @Option(names = "--id", paramLabel = "ID", required = true, description = "The backup's id.")
    String id;

    @Option(names = "--deep", description = "Also restore it into a scratch database and compare its schema, rows "
            + "and content hashes with the manifest.")
    boolean deep;

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
