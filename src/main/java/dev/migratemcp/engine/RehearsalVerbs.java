package dev.migratemcp.engine;

import dev.migratemcp.dialect.MigrationLock;
import dev.migratemcp.dialect.ScratchDatabase;
import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationCatalog;
import dev.migratemcp.schema.SchemaDiff;
import dev.migratemcp.schema.SchemaSnapshot;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The verbs that work on a scratch database or the migration files: test, create, baseline. */
final class RehearsalVerbs {

    private final MigrationEngine engine;

    RehearsalVerbs(MigrationEngine engine) {
        this.engine = engine;
    }

    /**
     * Rehearses migrations on a scratch database of the same kind, never touching this one: brings the scratch
     * database to the current version (or to the version before the one named), then runs each migration up, down
     * and up again, checking that down restores exactly the schema before up.
     */
    TestReport testMigrations(Long version) {
        MigrationCatalog catalog = engine.loadCatalog();
        DatabaseState state = engine.withConnection(c -> new DatabaseState(catalog, engine.historyTable().read(c)));
        List<Migration> toTest;
        long base;
        if (version != null) {
            Migration m = catalog.find(version).orElseThrow(() -> new MigrateException(ErrorCode.UNKNOWN_VERSION,
                    "no migration file has version " + version, "list_pending shows the versions there are.",
                    Map.of("version", version), null));
            toTest = List.of(m);
            int position = catalog.position(version);
            base = position == 0 ? 0 : catalog.ordered().get(position - 1).version();
        } else {
            toTest = state.pending();
            base = state.currentVersion();
        }
        if (toTest.isEmpty()) {
            return new TestReport("nothing_to_test", base, List.of());
        }
        try (ScratchDatabase scratch = engine.database().dialect().createScratch(engine.config().connection());
             MigrationEngine rehearsal = new MigrationEngine(engine.rehearsalConfig(scratch))) {
            if (base > 0) {
                rehearsal.apply(base, false, ProgressListener.NONE);
            }
            List<TestReport.Result> results = new ArrayList<>();
            for (Migration m : toTest) {
                TestReport.Result result = new Rehearsal(rehearsal, m).run();
                results.add(result);
                if (!result.status().equals("ok") && !result.status().equals("irreversible")) {
                    break; // later migrations may need this one
                }
            }
            boolean ok = results.stream().allMatch(r -> r.status().equals("ok") || r.status().equals("irreversible"));
            return new TestReport(ok ? "ok" : "failed", base, results);
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.DATABASE_ERROR, "cannot make a scratch database to rehearse on: "
                    + engine.redactor().redact(e.getMessage()), "The database user needs the right to create and drop a "
                    + "database on the same server.", Map.of("sql_state", String.valueOf(e.getSQLState())), null);
        }
    }

    /**
     * Writes the next migration file after checking that it parses, splits and fits the set; never overwrites.
     * With {@code test} it is rehearsed at once on a scratch database; a failed rehearsal is reported, the file kept.
     */
    CreatedMigration createMigration(String description, String upSql, String downSql, List<Long> dependsOn,
                                            boolean backupRequired, boolean test) {
        Migration written = new MigrationAuthor(engine.config().migrationsDir(), engine.database().dialect().kind())
                .write(engine.loadCatalog(), description, upSql, downSql, dependsOn, backupRequired);
        TestReport rehearsal = test ? testMigrations(written.version()) : null;
        return new CreatedMigration(written.version(), written.description(), written.fileName(), written.checksum(),
                rehearsal);
    }

    /**
     * Marks a database that already has the schema as being at {@code version} without running anything, after
     * checking that its live schema is what the migrations up to that version make: against the snapshot recorded
     * for the version when there is one, else against a rehearsal on a scratch engine.database(). Refuses on any difference.
     */
    BaselineReport baseline(long version, boolean confirm) {
        MigrationCatalog catalog = engine.loadCatalog();
        if (!catalog.contains(version)) {
            throw new MigrateException(ErrorCode.UNKNOWN_VERSION, "no migration file has version " + version,
                    "Baseline to the version of a migration file.", Map.of("version", version), null);
        }
        int position = catalog.position(version);
        List<Migration> upTo = catalog.ordered().subList(0, position + 1);
        DatabaseState state = engine.withConnection(c -> new DatabaseState(catalog, engine.historyTable().read(c)));
        if (state.rows.stream().anyMatch(r -> r.failed() || r.version() > version)) {
            throw new MigrateException(ErrorCode.INVALID_ARGUMENT, "the history already has failed migrations or "
                    + "versions above " + version, "Baseline is for a database that has the schema but no (or an "
                    + "older) history; use status and repair first.", Map.of("version", version), null);
        }
        List<Migration> toMark = upTo.stream().filter(m -> !state.isApplied(m.version())).toList();
        SchemaSnapshot live = engine.withConnection(engine.snapshots()::live);
        SnapshotStore.Recorded recorded = engine.withConnection(c -> engine.snapshots().find(c, version)).orElse(null);
        String checkedAgainst = recorded != null ? "recorded_snapshot" : "rehearsal";
        SchemaSnapshot expected = recorded != null ? recorded.snapshot() : rehearse(version);
        List<SchemaDiff.Difference> differences = SchemaDiff.between(expected, live);
        List<Long> versions = toMark.stream().map(Migration::version).toList();
        if (!differences.isEmpty()) {
            throw new MigrateException(ErrorCode.SCHEMA_MISMATCH, "the live schema is not what the migrations up to "
                    + version + " make (" + differences.size() + " difference(s)); nothing was marked",
                    "Bring the schema in line, or baseline to the version it matches.",
                    Map.of("differences", differences, "checked_against", checkedAgainst), null);
        }
        if (!confirm) {
            return new BaselineReport("confirmation_required", version, versions, checkedAgainst, List.of());
        }
        return engine.withConnection(c -> {
            try (MigrationLock ignored = engine.lock(c)) {
                engine.historyTable().ensure(c);
                engine.snapshots().ensure(c);
                for (Migration m : toMark) {
                    if (engine.historyTable().read(c).stream().noneMatch(r -> r.version() == m.version())) {
                        engine.historyTable().insert(c, new HistoryRow(m.version(), m.description(), m.checksum(),
                                HistoryRow.APPLIED, Direction.UP.id(), java.time.Instant.now(), "baseline", null,
                                m.up().statements().size(), 0, null, null, null));
                    }
                }
                engine.snapshots().record(c, version);
            }
            return new BaselineReport("baselined", version, versions, checkedAgainst, List.of());
        });
    }

    /**
     * The schema the applied migrations of {@code state} make, each run in order on a scratch database of the same
     * kind; refused (with the reason) when an applied migration's file is missing or changed since it was applied.
     */
    SchemaSnapshot rehearseApplied(DatabaseState state) {
        List<Long> applied = new ArrayList<>();
        for (HistoryRow row : state.appliedRows()) {
            Migration m = state.catalog.find(row.version()).orElseThrow(() -> new MigrateException(
                    ErrorCode.MISSING_MIGRATION_FILE, "the file of applied version " + row.version() + " is missing",
                    "Restore the migration file.", Map.of("version", row.version()), null));
            if (row.checksum() != null && !row.checksum().equalsIgnoreCase(m.checksum())) {
                throw new MigrateException(ErrorCode.CHECKSUM_MISMATCH, "the file of applied version "
                        + row.version() + " changed since it was applied", "Restore the file as it was applied.",
                        Map.of("version", row.version()), null);
            }
            applied.add(row.version());
        }
        try (ScratchDatabase scratch = engine.database().dialect().createScratch(engine.config().connection());
             MigrationEngine rehearsal = new MigrationEngine(engine.rehearsalConfig(scratch))) {
            rehearsal.applyExactly(applied);
            return rehearsal.describeSchema(null);
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.DATABASE_ERROR, "cannot make a scratch database to rehearse on: "
                    + engine.redactor().redact(e.getMessage()), "The database user needs the right to create and "
                    + "drop a database on the same server.", Map.of("sql_state", String.valueOf(e.getSQLState())),
                    null);
        }
    }

    /** The schema the migrations up to {@code version} make, built on a scratch engine.database(). */
    private SchemaSnapshot rehearse(long version) {
        try (ScratchDatabase scratch = engine.database().dialect().createScratch(engine.config().connection());
             MigrationEngine rehearsal = new MigrationEngine(engine.rehearsalConfig(scratch))) {
            rehearsal.apply(version, false, ProgressListener.NONE);
            return rehearsal.describeSchema(null);
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.DATABASE_ERROR, "cannot make a scratch database to check the "
                    + "schema against: " + engine.redactor().redact(e.getMessage()), "The database user needs the right to "
                    + "create and drop a database on the same server.",
                    Map.of("sql_state", String.valueOf(e.getSQLState())), null);
        }
    }
}
