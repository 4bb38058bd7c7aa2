package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.ApplyReport;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.PlannedMigration;
import dev.migratemcp.engine.ProgressListener;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Locale;

import static dev.migratemcp.cli.Specs.flag;
import static dev.migratemcp.cli.Specs.value;
import static dev.migratemcp.cli.Specs.version;

/**
 * Applies pending migrations. A plan that loses data (a data_loss statement) is treated as rollback is: it runs with
 * {@code --yes}, or after a person at a terminal typed "yes" to the exact plan; anywhere else it prints the plan and
 * refuses, changing nothing.
 */
final class MigrateVerb extends EngineCommand {

    Version target;
    boolean dryRun;
    String planId;
    boolean yes;

    private MigrateVerb(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        MigrateVerb verb = new MigrateVerb(globals);
        return Specs.command(verb, "Apply pending migrations, all or up to a version.")
                .addOption(version(v -> verb.target = v, "--version", "--target")
                        .description("Apply pending migrations up to and including version N (default: all).").build())
                .addOption(flag(v -> verb.dryRun = v, "--dry-run")
                        .description("Show the SQL that would run and change nothing.").build())
                .addOption(value(String.class, "ID", v -> verb.planId = v, "--plan-id")
                        .description("Run only if nothing changed since this plan.").build())
                .addOption(flag(v -> verb.yes = v, "-y", "--yes")
                        .description("Run a plan that loses data without asking.").build());
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        ProgressListener progress = globals.verbose() ? new VerboseProgress(out) : ProgressListener.NONE;
        ApplyReport first = engine.apply(target, dryRun, progress, planId, false, yes, null);
        if (first.status().equals("confirmation_required")) {
            boolean asked = Terminal.isInteractive() && !out.json();
            printPlan(out, first);
            if (!asked) {
                out.note("Refusing to migrate without --yes: statements marked data_loss destroy data. Review the "
                        + "plan above and run again with --yes.");
                return MigrateCommand.EXIT_USAGE;
            }
            String answer = Terminal.readLine("Apply " + first.plan().size() + " migration(s), version "
                    + first.fromVersion() + " -> " + first.toVersion() + ", losing the data marked? Type 'yes' to go "
                    + "on: ");
            if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).equals("yes")) {
                out.note("Migrate cancelled; nothing was changed.");
                return MigrateCommand.EXIT_FAILED;
            }
        }
        ApplyReport r = first.status().equals("confirmation_required") ? engine.apply(target, false, progress,
                planId, false, true, first.plan().stream().map(PlannedMigration::version).toList()) : first;
        out.result(r, () -> {
            r.notes().forEach(n -> out.note("note: " + n));
            r.repeatables().forEach(rep -> out.line((r.status().equals("dry_run") ? "Would run" : "Ran")
                    + " the repeatable " + rep.file() + " (" + rep.statements() + " statement(s))"));
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

    private static void printPlan(Printer out, ApplyReport plan) {
        out.result(plan, () -> {
            out.line("-- plan: version " + plan.fromVersion() + " -> " + plan.toVersion() + "; it loses data");
            PlanText.print(out, plan.plan());
        });
    }
}
