package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.PlannedStatement;
import dev.migratemcp.engine.ProgressListener;
import dev.migratemcp.engine.RepairReport;
import picocli.CommandLine.Model.CommandSpec;

import static dev.migratemcp.cli.Specs.flag;
import static dev.migratemcp.cli.Specs.value;
import static dev.migratemcp.cli.Specs.version;

/** Shows the ways out of a failed migration, and with --action and --yes takes one. */
final class RepairCommand extends EngineCommand {

    Version version;
    String action;
    boolean yes;

    private RepairCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        RepairCommand verb = new RepairCommand(globals);
        return Specs.command(verb, "Resolve a failed migration (resume, revert_partial, mark_reverted) or "
                + "accept a deliberate edit of an applied one (accept_checksum).")
                .addOption(version(v -> verb.version = v, "--version").required(true)
                        .description("The migration's version.").build())
                .addOption(value(String.class, "ACTION", v -> verb.action = v, "--action")
                        .description("resume, revert_partial, "
                        + "mark_reverted, accept_checksum, mark_statement_done or mark_statement_not_done (without it: "
                        + "show the options).").build())
                .addOption(flag(v -> verb.yes = v, "-y", "--yes")
                        .description("Take the action (without: show what it would do).").build());
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        RepairReport r = engine.repair(version, action, yes, globals.verbose() ? new VerboseProgress(out)
                : ProgressListener.NONE);
        out.result(r, () -> {
            if (r.problem().equals("file_changed")) {
                out.line("Version " + r.version() + " (" + r.description() + "): applied"
                        + (r.error() == null ? "." : ", but " + r.error() + "."));
            } else {
                out.line("Version " + r.version() + " (" + r.description() + "): failed while "
                        + (r.direction().equals("down") ? "reverting" : "applying") + ", " + r.statementsDone()
                        + " of " + r.statementsTotal() + " statements took effect.");
            }
            if (r.error() != null && !r.problem().equals("file_changed")) {
                out.line("Error: " + r.error());
            }
            if (r.status().equals("repaired")) {
                out.line("Repaired with " + r.action() + "; the database is at version " + r.currentVersion() + ".");
                return;
            }
            for (RepairReport.Option o : r.options()) {
                out.line("");
                out.line((o.possible() ? "* " : "- (not possible) ") + o.action() + ": " + o.reason());
                for (PlannedStatement s : o.statements()) {
                    out.line("    " + s.sql() + ";");
                }
            }
            out.line("");
            out.line("Nothing was changed. Run again with --action ACTION --yes to take one.");
        });
        return r.status().equals("repaired") || action == null ? MigrateCommand.EXIT_OK : MigrateCommand.EXIT_USAGE;
    }
}
