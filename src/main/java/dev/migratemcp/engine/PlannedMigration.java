package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationScript;
import dev.migratemcp.migration.MigrationStatement;

import java.util.ArrayList;
import java.util.List;

/**
 * A migration in a plan, with the exact SQL that will run on this database, in order, and for a rollback what it
 * destroys.
 */
public record PlannedMigration(Version version, String description, String direction, boolean transactional,
                               boolean backupRequired, List<Version> dependsOn, List<PlannedStatement> statements,
                               List<Destruction> destroys) {

    static PlannedMigration of(Migration migration, Direction direction, boolean databaseTransactional) {
        return of(migration, direction, databaseTransactional, List.of());
    }

    static PlannedMigration of(Migration migration, Direction direction, boolean databaseTransactional,
                               List<Destruction> destroys) {
        MigrationScript script = migration.script(direction).orElseThrow();
        List<PlannedStatement> statements = new ArrayList<>();
        List<MigrationStatement> source = script.statements();
        for (int i = 0; i < source.size(); i++) {
            MigrationStatement s = source.get(i);
            statements.add(new PlannedStatement(i + 1, s.line(), s.sql(), s.batch()));
        }
        return new PlannedMigration(migration.version(), migration.description(), direction.id(),
                script.transactional() && databaseTransactional, migration.backupRequired(), migration.dependsOn(),
                statements, List.copyOf(destroys));
    }

    /** The same migration with each statement's risks on this database, for plans made for review. */
    PlannedMigration withRisks(DatabaseKind kind) {
        List<PlannedStatement> withRisks = statements.stream().map(st -> new PlannedStatement(st.index(), st.line(),
                st.sql(), st.batch(), RiskAnalyzer.analyse(st.sql(), kind, transactional))).toList();
        return new PlannedMigration(version, description, direction, transactional, backupRequired, dependsOn,
                withRisks, destroys);
    }
}
