package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import java.util.List;
import java.util.Map;

/**
 * The exact SQL an apply or a rollback would run on this database, in order, with the risks of each statement, and
 * the id that binds it to the state it was made for.
 *
 * @param planId    pass it to apply_migration / rollback_to_version: they refuse if the version, the files or the
 *                  database changed since, so what runs is what was reviewed
 * @param direction "up" (apply) or "down" (rollback)
 * @param riskCounts how many statements carry each kind of risk
 * @param repeatables the Flyway repeatable scripts an apply runs after the migrations (files), part of the plan id
 */
public record PlanReport(String planId, String direction, Version fromVersion, Version toVersion,
                         List<PlannedMigration> migrations, Map<String, Integer> riskCounts,
                         List<String> repeatables) {
}
