package dev.migratemcp.cli;

import dev.migratemcp.engine.PlannedMigration;
import dev.migratemcp.engine.PlannedStatement;
import dev.migratemcp.engine.Risk;

import java.util.List;

/** Prints planned migrations as the SQL that will run, for people. */
final class PlanText {

    private PlanText() {
    }

    static void print(Printer out, List<PlannedMigration> plan) {
        for (PlannedMigration m : plan) {
            print(out, m);
        }
    }

    static void print(Printer out, PlannedMigration m) {
        out.line("-- version " + m.version() + " " + m.direction() + ": " + m.description()
                + (m.transactional() ? " (one transaction)" : " (no transaction: progress recorded per statement)"));
        for (PlannedStatement s : m.statements()) {
            if (s.batch() != null) {
                out.line("-- statement " + s.index() + " runs in batches of " + s.batch().size() + " over "
                        + s.batch().table() + "." + s.batch().keyColumn());
            }
            for (Risk r : s.risks()) {
                out.line("--   ! " + r.kind() + ": " + r.message());
            }
            out.line(s.sql() + ";");
        }
        out.line("");
    }
}
