package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.TestReport;
import picocli.CommandLine.Model.CommandSpec;

import static dev.migratemcp.cli.Specs.version;

final class TestCommand extends EngineCommand {

    Version version;

    private TestCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        TestCommand verb = new TestCommand(globals);
        return Specs.command(verb, "Rehearse pending migrations (or one) on a scratch database: up, down, "
                + "up again, checking that down restores the schema exactly. Never touches the database itself.")
                .addOption(version(v -> verb.version = v, "--version")
                        .description("Rehearse only this migration.").build());
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        TestReport r = engine.testMigrations(version);
        out.result(r, () -> {
            TextTable t = new TextTable("VERSION", "DESCRIPTION", "RESULT", "UP MS", "DOWN MS", "UP AGAIN MS");
            r.results().forEach(x -> t.row(x.version(), x.description(), x.status(), x.upMs(), x.downMs(),
                    x.upAgainMs()));
            if (!t.isEmpty()) {
                out.line(t.render());
            }
            for (TestReport.Result x : r.results()) {
                if (x.error() != null) {
                    out.line("version " + x.version() + ": " + x.error().message());
                }
                x.differences().forEach(d -> out.line("version " + x.version() + ": " + d.message()));
            }
            out.line("Rehearsal " + r.status() + " (scratch database brought to version " + r.baseVersion() + ").");
        });
        return r.status().equals("failed") ? MigrateCommand.EXIT_FAILED : MigrateCommand.EXIT_OK;
    }
}
