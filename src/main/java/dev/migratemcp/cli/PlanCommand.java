package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.PlanReport;
import dev.migratemcp.engine.PlannedMigration;
import dev.migratemcp.engine.PlannedStatement;
import dev.migratemcp.engine.Risk;
import picocli.CommandLine.Model.CommandSpec;

import static dev.migratemcp.cli.Specs.version;

final class PlanCommand extends EngineCommand {

    Version target;

    private PlanCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        PlanCommand verb = new PlanCommand(globals);
        return Specs.command(verb, "The exact SQL to reach a version, with each statement's risks and a plan "
                + "id for migrate/rollback --plan-id.")
                .addOption(version(v -> verb.target = v, "--version", "--target").required(true)
                        .description("The version to bring the database to (below the current one: a "
                                + "rollback).").build());
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        PlanReport p = engine.plan(target);
        out.result(p, () -> {
            out.line("-- " + (p.direction().equals("up") ? "apply" : "rollback") + " plan: version " + p.fromVersion()
                    + " -> " + p.toVersion() + "; risks " + p.riskCounts());
            out.line("-- plan id: " + p.planId());
            for (PlannedMigration m : p.migrations()) {
                out.line("-- version " + m.version() + " " + m.direction() + ": " + m.description());
                for (PlannedStatement s : m.statements()) {
                    for (Risk r : s.risks()) {
                        out.line("--   ! " + r.kind() + ": " + r.message());
                    }
                    out.line(s.sql() + ";");
                }
                out.line("");
            }
            p.repeatables().forEach(r -> out.line("-- then the repeatable script " + r));
        });
        return MigrateCommand.EXIT_OK;
    }
}
