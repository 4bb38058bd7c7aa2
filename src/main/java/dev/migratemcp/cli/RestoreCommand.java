package dev.migratemcp.cli;

import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.RestoreReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "restore", description = "Replace the database with a backup (a safety backup is taken first).")
final class RestoreCommand extends EngineCommand {

    @Option(names = "--id", paramLabel = "ID", required = true, description = "The backup's id.")
    String id;

    @Option(names = {"-y", "--yes"}, description = "Restore (without: show what would be replaced).")
    boolean yes;

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
