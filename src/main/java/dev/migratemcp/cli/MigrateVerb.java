package dev.migratemcp.cli;

import dev.migratemcp.engine.ApplyReport;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", description = "Apply pending migrations, all or up to a version.")
final class MigrateVerb extends EngineCommand {

    @Option(names = {"--version", "--target"}, paramLabel = "N", converter = VersionArguments.Target.class,
            description = "Apply pending migrations up to and including version N (default: all).")
    Long target;

    @Option(names = "--dry-run", description = "Show the SQL that would run and change nothing.")
    boolean dryRun;

    @Option(names = "--plan-id", paramLabel = "ID", description = "Run only if nothing changed since this plan.")
    String planId;

    @Override
    int execute(MigrationEngine engine, Printer out) {
        ApplyReport r = engine.apply(target, dryRun, root.verbose ? new VerboseProgress(out) : ProgressListener.NONE,
                planId);
        out.result(r, () -> {
            r.notes().forEach(n -> out.note("note: " + n));
            switch (r.status()) {
                case "up_to_date" -> out.line("Already up to date at version " + r.fromVersion() + ".");
                case "dry_run" -> {
                    if (r.plan().isEmpty()) {
                        out.line("Nothing to apply (version " + r.fromVersion() + ").");
                    } else {
                        out.line("-- dry run: version " + r.fromVersion() + " -> " + r.toVersion()
                                + "; nothing was changed");
                        PlanText.print(out, r.plan());
                    }
                }
                default -> {
                    TextTable t = new TextTable("VERSION", "DESCRIPTION", "STATEMENTS", "MS");
                    r.applied().forEach(m -> t.row(m.version(), m.description(), m.statements(), m.executionMs()));
                    out.line(t.render());
                    out.line("Applied " + r.applied().size() + " migration(s): version " + r.fromVersion() + " -> "
                            + r.toVersion() + ".");
                }
            }
        });
        return MigrateCommand.EXIT_OK;
    }
}
