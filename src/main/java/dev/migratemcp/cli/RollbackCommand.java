package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.ProgressListener;
import dev.migratemcp.engine.RollbackReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * Reverts migrations above a version. It destroys schema and data, so it runs only with {@code --yes}, or after a
 * person at a terminal typed "yes" to the exact plan. Anywhere else it prints the plan and refuses.
 */
@Command(name = "rollback", description = "Revert applied migrations above a version (0 reverts everything).")
final class RollbackCommand extends EngineCommand {

    @Option(names = {"--version", "--target"}, paramLabel = "N", required = true,
            converter = VersionArguments.class,
            description = "Revert every applied migration above version N.")
    Version target;

    @Option(names = {"-y", "--yes"}, description = "Do it without asking.")
    boolean yes;

    @Option(names = "--dry-run", description = "Show the down SQL that would run and change nothing.")
    boolean dryRun;

    @Option(names = "--plan-id", paramLabel = "ID", description = "Revert only if nothing changed since this plan.")
    String planId;

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
        RollbackReport r = engine.rollback(target, root.verbose ? new VerboseProgress(out) : ProgressListener.NONE,
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
