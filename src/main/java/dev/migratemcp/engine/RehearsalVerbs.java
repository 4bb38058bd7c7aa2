package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.dialect.ScratchDatabase;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationCatalog;
import dev.migratemcp.schema.SchemaSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The verbs that work on a scratch database or the migration files: test and create, and the rehearsals that
 * validate-schema and baseline check a schema against.
 */
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
    TestReport testMigrations(Version version) {
        MigrationCatalog catalog = engine.loadCatalog();
        if (version != null) {
            return rehearseOne(catalog, version, engine.config().migrationsDir());
        }
        DatabaseState state = engine.withConnection(c -> new DatabaseState(catalog, engine.historyTable().read(c)));
        return rehearse(state.pending(), state.appliedRows().isEmpty() ? null : state.currentVersion(),
                engine.config().migrationsDir());
    }

    /** One migration, on a scratch database brought to the version before it. */
    private TestReport rehearseOne(MigrationCatalog catalog, Version version, Path migrationsDir) {
        Migration m = catalog.find(version).orElseThrow(() -> new MigrateException(ErrorCode.UNKNOWN_VERSION,
                "no migration file has version " + version, "list_pending shows the versions there are.",
                Map.of("version", version), null));
        int position = catalog.position(version);
        Version base = position == 0 ? null : catalog.ordered().get(position - 1).version();
        return rehearse(List.of(m), base, migrationsDir);
    }

    /**
     * A scratch database for the migrations of {@code migrationsDir}; refused when it is only a schema of the real
     * database (PostgreSQL without CREATEDB) and the migrations create or use other schemas: run there, their
     * statements would reach the real schemas of those names (a down's {@code DROP SCHEMA app CASCADE} the real
     * {@code app}).
     */
    private ScratchDatabase scratchFor(String purpose, Path migrationsDir) throws SQLException {
        return scratchFor(purpose, migrationsDir, engine.config().flywayConfig());
    }

    /** As above, the folder read with the Flyway configuration {@code flywayConfig} (null: the one in it, if any). */
    private ScratchDatabase scratchFor(String purpose, Path migrationsDir, Path flywayConfig) throws SQLException {
        ScratchDatabase scratch = engine.createScratch(purpose);
        if (!scratch.sharesDatabase()) {
            return scratch;
        }
        java.util.Set<String> schemas;
        try {
            dev.migratemcp.migration.FlywaySettings flyway = dev.migratemcp.config.FlywayConfigFile.find(
                    flywayConfig, migrationsDir).orElse(null);
            // a Flyway project's schemas are the schemas setting, as for the snapshots (MigrationEngine)
            // (the connection's own schema among them is no other schema)
            List<String> named = engine.config().schemas().isEmpty() && flyway != null ? flyway.schemas().stream()
                    .filter(n -> !n.equals(engine.flywayFacts().value("defaultSchema"))).toList()
                    : engine.config().schemas();
            schemas = SchemaScope.of(named, dev.migratemcp.migration.MigrationDirectory.load(migrationsDir,
                    engine.database().dialect().kind(), flyway, engine.flywayFacts()));
        } catch (IOException | dev.migratemcp.migration.MigrationFileException | RuntimeException e) {
            scratch.close();
            throw new MigrateException(ErrorCode.INVALID_MIGRATION_FILE, "cannot read the migrations to rehearse: "
                    + e.getMessage(), "Fix the migration files.");
        }
        if (schemas.isEmpty()) {
            return scratch;
        }
        scratch.close();
        throw new MigrateException(ErrorCode.DATABASE_ERROR, purpose + " needs a scratch database, and the database "
                + "user may not create one, only a scratch schema in this database; the migrations create or use the "
                + "schemas " + schemas + ", which a rehearsal there would reach in this very database, so nothing was "
                + "rehearsed", "Grant the user CREATEDB (ALTER ROLE ... CREATEDB) so that rehearsals get a database "
                + "of their own.", Map.of("schemas", List.copyOf(schemas)), null);
    }

    /**
     * The migrations up, down and up again on a scratch database brought to {@code base} (null: nothing applied, which
     * differs from 0 where a layout has a migration 0) from the folder given.
     */
    private TestReport rehearse(List<Migration> toTest, Version base, Path migrationsDir) {
        return rehearse(toTest, base, migrationsDir, engine.config().flywayConfig());
    }

    /** As above, reading the Flyway configuration {@code flywayConfig} (null: the one in the folder, if any). */
    private TestReport rehearse(List<Migration> toTest, Version base, Path migrationsDir, Path flywayConfig) {
        Version shown = base == null ? Version.ZERO : base;
        if (toTest.isEmpty()) {
            return new TestReport("nothing_to_test", shown, List.of());
        }
        try (ScratchDatabase scratch = scratchFor("rehearsing the migrations", migrationsDir, flywayConfig);
             MigrationEngine rehearsal = new MigrationEngine(engine.rehearsalConfig(scratch, migrationsDir,
                     flywayConfig))) {
            if (base != null) {
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
            return new TestReport(ok ? "ok" : "failed", shown, results);
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.DATABASE_ERROR, "cannot make a scratch database to rehearse on: "
                    + engine.redactor().redact(e.getMessage()), "The database user needs the right to create and drop a "
                    + "database on the same server.", Map.of("sql_state", String.valueOf(e.getSQLState())), null);
        }
    }

    /**
     * Writes the next migration file after checking that it parses, splits and fits the set and, with
     * {@code rehearse}, that the database engine itself runs it: up, down and up again on a scratch database brought
     * to the latest version, from a copy of the folder with the new file in it. A migration that fails any check is
     * not written. Never overwrites.
     */
    CreatedMigration createMigration(String description, String upSql, String downSql, List<Version> dependsOn,
                                     boolean backupRequired, boolean rehearse) {
        MigrationCatalog catalog = engine.loadCatalog();
        // in a Flyway project the file goes where Flyway's locations read it
        Path folder = FlywayStaging.newFileFolder(catalog.flywaySettings(), engine.config().migrationsDir());
        MigrationAuthor author = new MigrationAuthor(folder, engine.database().dialect().kind());
        MigrationAuthor.Draft draft = author.draft(catalog, description, upSql, downSql, dependsOn, backupRequired);
        TestReport rehearsal = rehearse ? rehearseDraft(catalog, draft) : null;
        if (rehearsal != null && !rehearsal.status().equals("ok")) {
            TestReport.Result failed = rehearsal.results().get(rehearsal.results().size() - 1);
            throw new MigrateException(ErrorCode.MIGRATION_FAILED, "the new migration failed its rehearsal on a "
                    + "scratch " + engine.database().dialect().kind().id() + " database (" + failed.status()
                    + (failed.error() == null ? "" : ": " + failed.error().message()) + "); no file was written",
                    "Fix the SQL (details.test has the failing step, statement and schema differences) and try "
                            + "again.", Map.of("test", rehearsal), null);
        }
        Migration written = author.write(draft);
        return new CreatedMigration(written.version(), written.description(), written.fileName(), written.checksum(),
                rehearsal);
    }

    /** Rehearses the unwritten migration from a copy of the migrations folder that holds it. */
    private TestReport rehearseDraft(MigrationCatalog catalog, MigrationAuthor.Draft draft) {
        Path staging = null;
        try {
            staging = Files.createTempDirectory("migrate-mcp-new-");
            Version base = catalog.ordered().isEmpty() ? null : catalog.latestVersion();
            if (catalog.flywaySettings() != null) {
                Path target = FlywayStaging.newFileFolder(catalog.flywaySettings(), engine.config().migrationsDir());
                draft.writeInto(FlywayStaging.stage(catalog.flywaySettings(), target, staging));
                return rehearse(List.of(draft.migration()), base, staging, staging.resolve(FlywayStaging.CONFIG));
            }
            try (Stream<Path> files = Files.list(engine.config().migrationsDir())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, staging.resolve(f.getFileName()));
                }
            }
            draft.writeInto(staging);
            return rehearse(List.of(draft.migration()), base, staging, engine.config().flywayConfig());
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.INVALID_CONFIG, "cannot stage the new migration for its rehearsal: "
                    + e.getMessage(), "Check that the temp folder is writable, or pass rehearse: false.");
        } finally {
            deleteQuietly(staging);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temp folder left behind is the system's to clean
        }
    }

    /**
     * The schema the applied migrations of {@code state} make, each run in order on a scratch database of the same
     * kind; refused (with the reason) when an applied migration's file is missing or changed since it was applied.
     */
    SchemaSnapshot rehearseApplied(DatabaseState state) {
        List<Version> applied = new ArrayList<>();
        for (HistoryRow row : state.appliedRows()) {
            Migration m = state.catalog.find(row.version()).orElseThrow(() -> new MigrateException(
                    ErrorCode.MISSING_MIGRATION_FILE, "the file of applied version " + row.version() + " is missing",
                    "Restore the migration file.", Map.of("version", row.version()), null));
            if (!HistoryChecks.matches(state.catalog, row.checksum(), m)) {
                throw new MigrateException(ErrorCode.CHECKSUM_MISMATCH, "the file of applied version "
                        + row.version() + " changed since it was applied", "Restore the file as it was applied.",
                        Map.of("version", row.version()), null);
            }
            applied.add(row.version());
        }
        try (ScratchDatabase scratch = scratchFor("rehearsing the applied migrations for a reference",
                engine.config().migrationsDir());
             MigrationEngine rehearsal = new MigrationEngine(engine.rehearsalConfig(scratch,
                     engine.config().migrationsDir()))) {
            rehearsal.applyExactly(applied);
            return rehearsal.describeSchema(null);
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.DATABASE_ERROR, "cannot make a scratch database to rehearse on: "
                    + engine.redactor().redact(e.getMessage()), "The database user needs the right to create and "
                    + "drop a database on the same server.", Map.of("sql_state", String.valueOf(e.getSQLState())),
                    null);
        }
    }

    /** The schema the migrations up to {@code version} make, built on a scratch database (baseline's reference). */
    SchemaSnapshot rehearseUpTo(Version version) {
        try (ScratchDatabase scratch = scratchFor("checking the schema against a rehearsal",
                engine.config().migrationsDir());
             MigrationEngine rehearsal = new MigrationEngine(engine.rehearsalConfig(scratch,
                     engine.config().migrationsDir()))) {
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
