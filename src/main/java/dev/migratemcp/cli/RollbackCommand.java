package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ProgressListener;
import dev.migratemcp.engine.RollbackReport;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Locale;

import static dev.migratemcp.cli.Specs.flag;
import static dev.migratemcp.cli.Specs.value;
import static dev.migratemcp.cli.Specs.version;

/**
 * Reverts migrations above a version. It destroys schema and data, so it runs only with {@code --yes}, or after a
 * person at a terminal typed "yes" to the exact plan. Anywhere else it prints the plan and refuses.
 */
final class RollbackCommand extends EngineCommand {

    Version target;
    boolean yes;
    boolean dryRun;
    String planId;

    private RollbackCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        RollbackCommand verb = new RollbackCommand(globals);
        return Specs.command(verb, "Revert applied migrations above a version (0 reverts everything).")
                .addOption(version(v -> verb.target = v, "--version", "--target").required(true)
                        .description("Revert every applied migration above version N.").build())
                .addOption(flag(v -> verb.yes = v, "-y", "--yes").description("Do it without asking.").build())
                .addOption(flag(v -> verb.dryRun = v, "--dry-run")
                        .description("Show the down SQL that would run and change nothing.").build())
                .addOption(value(String.class, "ID", v -> verb.planId = v, "--plan-id")
                        .description("Revert only if nothing changed since this plan.").build());
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        RollbackReport plan = engine.planRollback(target, dryRun ? "dry_run" : "confirmation_required");
        if (plan.status().equals("up_to_date") || dryRun) {
            printPlan(out, plan);
            return MigrateCommand.EXIT_OK;
        }
        if (!yes) {
            if (!Terminal.isInteractive() || out.json()) {
                printPlan(out, plan);
                out.note("Refusing to roll back without --yes: this reverts " + plan.willRevert().size()
                        + " migration(s) and may destroy data. Review the plan above and run again with --yes.");
                return MigrateCommand.EXIT_USAGE;
            }
            printPlan(out, plan);
            String answer = Terminal.readLine("Revert " + plan.willRevert().size() + " migration(s), version "
                    + plan.fromVersion() + " -> " + plan.toVersion() + "? Type 'yes' to go on: ");
            if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).equals("yes")) {
                out.note("Rollback cancelled; nothing was changed.");
                return MigrateCommand.EXIT_FAILED;
            }
        }
        RollbackReport r = engine.rollback(target, globals.verbose() ? new VerboseProgress(out) : ProgressListener.NONE,
                null, planId);
        out.result(r, () -> {
            if (r.status().equals("up_to_date")) {
                out.line("Nothing to roll back: version " + r.fromVersion() + " is not above " + target + ".");
                return;
            }
            TextTable t = new TextTable("VERSION", "DESCRIPTION", "STATEMENTS", "MS");
            r.reverted().forEach(m -> t.row(m.version(), m.description(), m.statements(), m.executionMs()));
            out.line(t.render());
            out.line("Rolled back " + r.reverted().size() + " migration(s): version " + r.fromVersion() + " -> "
                    + r.toVersion() + ".");
        });
        return MigrateCommand.EXIT_OK;
    }

    private static void printPlan(Printer out, RollbackReport plan) {
        out.result(plan, () -> {
            if (plan.willRevert().isEmpty()) {
                out.line("Nothing to roll back: version " + plan.fromVersion() + " is not above " + plan.toVersion()
                        + ".");
                return;
            }
            out.line("-- rollback plan: version " + plan.fromVersion() + " -> " + plan.toVersion()
                    + (plan.status().equals("dry_run") ? " (dry run; nothing was changed)" : ""));
            PlanText.print(out, plan.willRevert());
        });
    }
}
