package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.backup.BackupManifest;
import dev.migratemcp.backup.BackupService;
import dev.migratemcp.backup.DumpRefusedException;
import dev.migratemcp.config.Config;
import dev.migratemcp.config.FlywayConfigFile;
import dev.migratemcp.config.Redactor;
import dev.migratemcp.dialect.Database;
import dev.migratemcp.dialect.ScratchDatabase;
import dev.migratemcp.dialect.LockTimeoutException;
import dev.migratemcp.dialect.MigrationLock;
import dev.migratemcp.migration.FileProblem;
import dev.migratemcp.migration.FlywaySettings;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationCatalog;
import dev.migratemcp.migration.MigrationDirectory;
import dev.migratemcp.migration.MigrationFileException;
import dev.migratemcp.migration.RepeatableMigration;
import dev.migratemcp.schema.SchemaSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The migration engine: every verb both faces offer. Each call reads the files and the history afresh, so it sees
 * files edited since the last call. Calls that change the database hold the migration lock from the moment they
 * read the history until they finish, so two runs never apply the same migration.
 */
public final class MigrationEngine implements AutoCloseable {

    /**
     * The threads that read the files while a verb connects (see {@link CatalogLoad}). Kept for a while once made: a
     * long-lived MCP server reads the files at every tool call, and a new thread each time cost more CPU and time
     * than the read itself when the files are unchanged (measured: CPU of 2,000 warm calls over stdio 3.6 s with a
     * thread per call, 3.2 s with this pool; reading on the caller's thread instead used more, 4.3 s).
     */
    private static final Executor CATALOG_LOADER = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread t = new Thread(runnable, "migrate-mcp-catalog");
                t.setDaemon(true);
                return t;
            });

    private final Config config;
    private final Database database;
    private final HistoryTable history;
    private final SnapshotStore snapshots;
    private final Redactor redactor;
    private final BackupVerbs backupVerbs = new BackupVerbs(this);
    private final RehearsalVerbs rehearsals = new RehearsalVerbs(this);
    private final StatusVerbs statuses = new StatusVerbs(this);
    private final ValidateVerb validations = new ValidateVerb(this);
    private final DescribeVerb describing = new DescribeVerb(this);
    private final ApplyVerb applies = new ApplyVerb(this);
    private final PlanVerb plans = new PlanVerb(this);
    private final RollbackVerb rollbacks = new RollbackVerb(this);
    private final BaselineVerb baselines = new BaselineVerb(this);
    private final InterruptedRestores interruptedRestores = new InterruptedRestores(this);
    private final FlywayDatabaseFacts flywayFacts;
    private final RepeatableHistory repeatables;

    private final boolean readOnly;

    public MigrationEngine(Config config) {
        this(config, false);
    }

    /**
     * @param readOnly nothing may be written anywhere: not this database, and no scratch database on its server
     *                 (verbs that would need one refuse with {@code read_only}; a SQLite scratch file is a temp file
     *                 of the rehearsal's own and still allowed)
     */
    public MigrationEngine(Config config, boolean readOnly) {
        this.config = config;
        this.readOnly = readOnly;
        Optional<FlywaySettings> flyway = flywaySettings(config);
        this.database = Database.open(config.connection(), config.lockTimeout(), readOnly,
                flyway.map(FlywaySettings::defaultSchema).orElse(null));
        this.history = new HistoryTable(database.dialect(), config.historyTable());
        this.snapshots = new SnapshotStore(database.dialect(), config.historyTable(),
                flyway.map(f -> Set.of(f.table())).orElse(Set.of()));
        this.repeatables = new RepeatableHistory(database.dialect(), config.historyTable());
        this.redactor = config.connection().redactor();
        this.flywayFacts = new FlywayDatabaseFacts(database);
    }

    public Config config() {
        return config;
    }

    /**
     * The project's Flyway configuration, read here for what the connections and drift need before any verb: the
     * session's default schema, and Flyway's history table, which drift leaves out.
     */
    private static Optional<FlywaySettings> flywaySettings(Config config) {
        try {
            return FlywayConfigFile.find(config.flywayConfig(), config.migrationsDir());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // reported by the first verb that reads the files
        }
    }

    /** What Flyway's built-in placeholders stand for on this database, asked once. */
    FlywayDatabaseFacts flywayFacts() {
        return flywayFacts;
    }

    /** The plan verb; apply and rollback mark risks and check plan ids through it too. */
    PlanVerb plans() {
        return plans;
    }

    /** The verbs on a scratch database; validate-schema rehearses a missing reference there. */
    RehearsalVerbs rehearsals() {
        return rehearsals;
    }

    InterruptedRestores interruptedRestores() {
        return interruptedRestores;
    }

    RepeatableHistory repeatableHistory() {
        return repeatables;
    }

    /**
     * The repeatable scripts the next migrate runs, in order: those new to the database, changed since they last
     * ran (Flyway's checksum, either the one with placeholders replaced or the one as written), or whose last run
     * failed.
     */
    List<RepeatableMigration> dueRepeatables(Connection c, MigrationCatalog catalog) throws SQLException {
        if (catalog.repeatables().isEmpty()) {
            return List.of();
        }
        Map<String, RepeatableHistory.Row> rows = repeatableRows(c, catalog);
        return catalog.repeatables().stream().filter(r -> {
            RepeatableHistory.Row row = rows.get(r.description());
            return row == null || !row.applied() || !r.ranAs(row.checksum());
        }).toList();
    }

    /** The repeatables' history: ours, or before our table exists, what Flyway's history says of them. */
    Map<String, RepeatableHistory.Row> repeatableRows(Connection c, MigrationCatalog catalog) throws SQLException {
        if (repeatables.exists(c)) {
            return repeatables.read(c);
        }
        if (history.exists(c)) {
            return Map.of();
        }
        return foreignHistory(c, catalog).map(ForeignHistory.Found::repeatables).orElse(Map.of());
    }

    Database database() {
        return database;
    }

    HistoryTable historyTable() {
        return history;
    }

    SnapshotStore snapshots() {
        return snapshots;
    }

    Redactor redactor() {
        return redactor;
    }

    /** Whether this engine may write nothing anywhere (see the constructor). */
    public boolean readOnly() {
        return readOnly;
    }

    /**
     * A scratch database of this database's kind to rehearse on: every verb that needs one gets it here, so that a
     * read-only engine refuses those that would create one on the server.
     *
     * @param purpose what the scratch database is for, for the refusal's message ("rehearsing the migrations")
     */
    ScratchDatabase createScratch(String purpose) throws SQLException {
        if (readOnly && database.dialect().kind() != dev.migratemcp.dialect.DatabaseKind.SQLITE) {
            throw new MigrateException(ErrorCode.READ_ONLY, purpose + " needs a scratch database on the "
                    + database.dialect().kind().id() + " server, and this server is read-only (serve --read-only)",
                    "Ask for it on a server that is not read-only; nothing was written.");
        }
        return database.dialect().createScratch(config.connection());
    }

    // ---- read-only verbs ------------------------------------------------------------------------------------

    /** Where the database stands: its version, what is pending, a failed migration, an interrupted restore. */
    public StatusReport status() {
        return statuses.status();
    }

    /** The migrations an apply would run, in order, and the repeatable scripts due after them. */
    public PendingReport pending() {
        return statuses.pending();
    }

    /** The history table as recorded; shown even without the migration files (each row then says its file is gone). */
    public HistoryReport history() {
        return statuses.history();
    }

    /** One migration: its file, its state here, and its up and down SQL as they would run. */
    public ShowReport show(Version version) {
        return statuses.show(version);
    }

    /** Files against history: checksums, missing files, failed migrations, dependencies. */
    public ValidationReport validate() {
        return validations.validate();
    }

    /** As {@link #validateSchema(Long, boolean)}, recording a reference it had to rehearse. */
    public ValidationReport validateSchema(Version expectedVersion) {
        return validateSchema(expectedVersion, true);
    }

    /**
     * Everything {@link #validate()} checks, plus the version against {@code expectedVersion} (when given) and the
     * live schema against the schema the current version should have (see {@link ValidateVerb#validateSchema}).
     *
     * @param recordReference record a rehearsed reference for next time (false: nothing is written)
     */
    public ValidationReport validateSchema(Version expectedVersion, boolean recordReference) {
        return validations.validateSchema(expectedVersion, recordReference);
    }

    /** The live schema, whole or one table, without the migration tool's own tables. */
    public SchemaSnapshot describeSchema(String table) {
        return describeSchema(null, table);
    }

    /**
     * The live schema without the migration tool's own tables: whole, or only one schema's objects, or only one
     * object, or both (see {@link DescribeVerb}).
     */
    public SchemaSnapshot describeSchema(String schema, String object) {
        return describing.describeSchema(schema, object);
    }

    // ---- verbs that change the database ---------------------------------------------------------------------

    /**
     * Applies pending migrations up to {@code targetVersion} (all when null). With {@code dryRun} it returns the
     * exact SQL and changes nothing, not even creating the history table.
     */
    public ApplyReport apply(Version targetVersion, boolean dryRun, ProgressListener listener) {
        return apply(targetVersion, dryRun, listener, null);
    }

    /**
     * As {@link #apply(Long, boolean, ProgressListener)}, refusing unless the plan matches {@code planId}. Callers
     * confirm a plan that loses data before calling this (see the overload with {@code confirmed}).
     */
    public ApplyReport apply(Version targetVersion, boolean dryRun, ProgressListener listener, String planId) {
        return apply(targetVersion, dryRun, listener, planId, false);
    }

    /**
     * As above; {@code outOfOrder} allows pending versions below the current one for this call (the setting of the
     * same name allows them for every call).
     */
    public ApplyReport apply(Version targetVersion, boolean dryRun, ProgressListener listener, String planId,
                             boolean outOfOrder) {
        return apply(targetVersion, dryRun, listener, planId, outOfOrder, true, null);
    }

    /**
     * Applies pending migrations, treating a plan with {@code data_loss} statements (DROP TABLE or COLUMN, TRUNCATE,
     * DELETE or UPDATE without WHERE, type changes) as destructive: unless {@code confirmed} it changes nothing and
     * returns status "confirmation_required" with the plan, every statement's risks marked. With {@code approved}
     * (versions in run order, as a person approved them) it runs only if the plan is still exactly that one.
     */
    public ApplyReport apply(Version targetVersion, boolean dryRun, ProgressListener listener, String planId,
                             boolean outOfOrder, boolean confirmed, List<Version> approved) {
        return applies.apply(targetVersion, dryRun, listener, planId, outOfOrder, confirmed, approved);
    }

    /**
     * Applies exactly these versions (in run order), skipping the planner: a scratch database rebuilt to hold what
     * another database's history says was applied, gaps included.
     */
    void applyExactly(List<Version> versions) {
        applies.applyExactly(versions);
    }

    /**
     * The plan to bring the database to {@code targetVersion}: apply when it is at or above the current version (or a
     * pending version below it: see {@link #plan(long, boolean)}), rollback below it. Every statement carries its risks; the plan id binds it to the current state.
     */
    public PlanReport plan(Version targetVersion) {
        return plan(targetVersion, false);
    }

    /**
     * As {@link #plan(long)}; a pending target below the current version is applied, as migrate would, when out of
     * order is allowed ({@code outOfOrder} or the setting), and refused otherwise.
     */
    public PlanReport plan(Version targetVersion, boolean outOfOrder) {
        return plans.plan(targetVersion, outOfOrder);
    }

    /** What a rollback to the target would revert, newest first, with the down SQL. Changes nothing. */
    public RollbackReport planRollback(Version targetVersion, String status) {
        return rollbacks.planRollback(targetVersion, status);
    }

    /**
     * Reverts applied migrations above {@code targetVersion} (every one when null), newest first. Callers confirm
     * before calling this.
     */
    public RollbackReport rollback(Version targetVersion, ProgressListener listener) {
        return rollback(targetVersion, listener, null);
    }

    /**
     * As {@link #rollback(Version, ProgressListener)}, but only if what would be reverted is exactly {@code approved}
     * (versions, newest first): a person approved a plan, and a different one must not run in its name.
     */
    public RollbackReport rollback(Version targetVersion, ProgressListener listener, List<Version> approved) {
        return rollback(targetVersion, listener, approved, null);
    }

    /** As above, also refusing unless the plan matches {@code planId} (from {@link #plan}). */
    public RollbackReport rollback(Version targetVersion, ProgressListener listener, List<Version> approved,
                                   String planId) {
        return rollbacks.rollback(targetVersion, listener, approved, planId);
    }

    /** A consistent backup of the database into the backups folder, with its manifest. */
    public BackupManifest createBackup(String label) {
        return backupVerbs.createBackup(label, ProgressListener.NONE);
    }

    public BackupManifest createBackup(String label, ProgressListener listener) {
        return backupVerbs.createBackup(label, listener);
    }

    /** The complete backups in the backups folder, newest first. */
    public BackupList listBackups() {
        return backupVerbs.listBackups();
    }

    /** Checks a backup: manifest, file, size, SHA-256, and that the file can be read back. */
    public VerifyReport verifyBackup(String id) {
        return backupVerbs.verifyBackup(id, false);
    }

    /**
     * Checks a backup; with {@code deep}, also restores it into a scratch database and compares its schema, rows and
     * content hashes with the manifest.
     */
    public VerifyReport verifyBackup(String id, boolean deep) {
        return backupVerbs.verifyBackup(id, deep);
    }

    /**
     * Restores a backup over the database. Without {@code confirm} it says what would be replaced and changes
     * nothing; with it, it verifies the backup, takes a safety backup of the current state, then restores.
     */
    public RestoreReport restoreBackup(String id, boolean confirm) {
        return backupVerbs.restoreBackup(id, confirm);
    }

    /** Takes a backup on this connection (callers may hold the migration lock on it), then applies retention. */
    BackupManifest takeBackup(Connection c, String label, ProgressListener listener) throws SQLException {
        return takeBackup(c, label, listener, Set.of());
    }

    /**
     * Takes a backup, then, once it is complete and verified, applies retention, never deleting the backups in
     * {@code spared} (the one a restore is about to read).
     */
    BackupManifest takeBackup(Connection c, String label, ProgressListener listener, Set<String> spared)
            throws SQLException {
        BackupService backups = backups();
        if (backups.methodName(c).isEmpty()) {
            throw new MigrateException(ErrorCode.UNSUPPORTED, "no backup method for this "
                    + database.dialect().kind().id() + " database", "Pass --backup-before never to go on without a "
                    + "backup.");
        }
        // the version comes from the history alone: a backup must not depend on the migration files being there
        Version version = DatabaseState.currentVersionOf(history.read(c));
        try {
            BackupManifest made = backups.create(c, label, version, listener::backupProgress);
            List<String> problems = backups.verify(made);
            if (!problems.isEmpty()) {
                // not kept: listed, it would pass for a backup and count towards --keep, pushing out a sound one
                backups.delete(made);
                throw new MigrateException(ErrorCode.BACKUP_FAILED, "the backup just taken does not verify, so it "
                        + "was deleted: " + String.join("; ", problems), "No older backup was pruned. Check the "
                        + "backups folder's disk, and the database itself (a damaged SQLite file is copied as it is).",
                        Map.of("backup_id", made.id(), "problems", problems), null);
            }
            backups.prune(config.keepBackups(), spared);
            return made;
        } catch (DumpRefusedException e) {
            throw new MigrateException(ErrorCode.BACKUP_FAILED, "the backup was not taken: "
                    + redactor.redact(e.getMessage()), e.hint() + " No older backup was pruned.",
                    Map.of("backups_dir", config.backupsDir().toString()), null);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.BACKUP_FAILED, "the backup failed: " + redactor.redact(e.getMessage()),
                    "Check that the backups folder (--backups or MIGRATE_MCP_BACKUPS) is writable and the dump tools "
                            + "can reach the server.", Map.of("backups_dir", config.backupsDir().toString()), e);
        }
    }

    BackupService backups() {
        return new BackupService(database, config.backupsDir(), config.backupMethod() == Config.BackupMethodChoice.BUILTIN);
    }

    /** The text of one migration file, as it is now. */
    public MigrationSource source(Version version) {
        MigrationCatalog catalog = loadCatalog();
        Migration m = catalog.find(version).orElseThrow(() -> new MigrateException(ErrorCode.UNKNOWN_VERSION,
                "no migration file has version " + version, "Use list_pending or get_history to see the versions.",
                Map.of("version", version), null));
        try {
            StringBuilder text = new StringBuilder(Files.readString(catalog.locate(config.migrationsDir(),
                    m.fileName())));
            for (String other : m.files().subList(1, m.files().size())) {
                // a layout that keeps the down SQL in a file of its own: show it too, after a marker line
                text.append(text.isEmpty() || text.charAt(text.length() - 1) == '\n' ? "" : "\n")
                        .append("-- ").append(other).append(" --\n")
                        .append(Files.readString(catalog.locate(config.migrationsDir(), other)));
            }
            return new MigrationSource(m.version(), m.description(), m.fileName(), text.toString());
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.INVALID_CONFIG, "cannot read " + m.fileName() + ": "
                    + e.getMessage(), "Check the migrations folder.");
        }
    }

    /** The versions there are files for, in run order. */
    public List<Version> versions() {
        return loadCatalog().ordered().stream().map(Migration::version).toList();
    }

    /**
     * Shows the ways out of a failed migration or, with {@code confirm} and an action, takes one. Without confirm
     * nothing changes.
     */
    public RepairReport repair(Version version, String action, boolean confirm, ProgressListener listener) {
        return new RepairVerb(this).repair(version, action, confirm, listener);
    }

    /**
     * Rehearses migrations on a scratch database of the same kind, never touching this one (see
     * {@link RehearsalVerbs#testMigrations}).
     */
    public TestReport testMigrations(Version version) {
        return rehearsals.testMigrations(version);
    }

    /**
     * Writes the next migration file after checking it parses and fits the set and, with {@code rehearse}, that it
     * runs up, down and up again on a scratch database; a migration that fails is not written. Never overwrites.
     */
    public CreatedMigration createMigration(String description, String upSql, String downSql, List<Version> dependsOn,
                                            boolean backupRequired, boolean rehearse) {
        return rehearsals.createMigration(description, upSql, downSql, dependsOn, backupRequired, rehearse);
    }

    /** Marks an existing schema as being at {@code version} after checking it (see {@link BaselineVerb}). */
    public BaselineReport baseline(Version version, boolean confirm) {
        return baselines.baseline(version, confirm);
    }

    /** A scratch database is thrown away: rehearsals on it take no backups. */
    Config rehearsalConfig(ScratchDatabase scratch, java.nio.file.Path migrationsDir) {
        return rehearsalConfig(scratch, migrationsDir, config.flywayConfig());
    }

    /** As above, reading the Flyway configuration {@code flywayConfig} (a rehearsal's copy of the project's). */
    Config rehearsalConfig(ScratchDatabase scratch, java.nio.file.Path migrationsDir,
                           java.nio.file.Path flywayConfig) {
        return new Config(scratch.settings(), migrationsDir, config.historyTable(), config.lockTimeout(),
                config.backupsDir(), Config.BackupPolicy.NEVER, 0, config.backupMethod(), config.outOfOrder(),
                config.schemas(), flywayConfig);
    }

    // ---- shared steps ---------------------------------------------------------------------------------------

    /** Reads the migration files; the schemas they create are from then on covered by snapshots (PostgreSQL). */
    MigrationCatalog loadCatalog() {
        try {
            FlywaySettings flyway = FlywayConfigFile.find(config.flywayConfig(), config.migrationsDir())
                    .orElse(null);
            MigrationCatalog catalog = MigrationDirectory.load(config.migrationsDir(), database.dialect().kind(),
                    flyway, flywayFacts);
            coverSchemas(catalog);
            return catalog;
        } catch (IllegalArgumentException e) {
            throw new MigrateException(ErrorCode.INVALID_CONFIG, e.getMessage(), "Fix the Flyway configuration "
                    + "file (or the --flyway-config that names it).");
        } catch (NoSuchFileException e) {
            throw new MigrateException(ErrorCode.MIGRATIONS_DIR_NOT_FOUND, "migrations folder not found: "
                    + config.migrationsDir().toAbsolutePath(),
                    "Pass --migrations DIR (or set MIGRATE_MCP_MIGRATIONS) to the folder holding the .sql files.",
                    Map.of("migrations_dir", config.migrationsDir().toString()), null);
        } catch (MigrationFileException e) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (FileProblem p : e.problems()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("file", p.file());
                item.put("line", p.line());
                item.put("message", p.message());
                list.add(item);
            }
            throw new MigrateException(ErrorCode.INVALID_MIGRATION_FILE, e.getMessage(),
                    "Fix the files named (each problem gives file and line); nothing was run.",
                    Map.of("problems", list), null);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.INVALID_CONFIG, "cannot read the migrations folder "
                    + config.migrationsDir() + ": " + e.getMessage(), "Check the folder's permissions.");
        }
    }

    /** Whether the files have been read once, so that snapshots know the schemas the migrations create. */
    private volatile boolean schemasCovered;

    boolean schemasCovered() {
        return schemasCovered;
    }

    private void coverSchemas(MigrationCatalog catalog) {
        if (database.dialect().kind() == dev.migratemcp.dialect.DatabaseKind.POSTGRESQL) {
            // a Flyway project's schemas are the same setting as --schemas, which wins when given
            List<String> schemas = config.schemas().isEmpty() && catalog.flywaySettings() != null
                    ? catalog.flywaySettings().schemas() : config.schemas();
            snapshots.cover(SchemaScope.of(schemas, catalog));
            schemasCovered = true;
        }
    }

    /** The migration files, or none when their folder does not exist (a bad file is still an error). */
    MigrationCatalog catalogIfPresent() {
        try {
            return loadCatalog();
        } catch (MigrateException e) {
            if (e.code() == ErrorCode.MIGRATIONS_DIR_NOT_FOUND) {
                coverSchemas(MigrationCatalog.empty());
                return MigrationCatalog.empty();
            }
            throw e;
        }
    }

    /** Whether this engine has warmed up the snapshot code already (see {@link CatalogLoad}). */
    private final java.util.concurrent.atomic.AtomicBoolean snapshotCodeWarmed =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Reads the migration files on another thread while this one connects and waits for the lock: on a cold JVM
     * parsing a thousand files costs about as much as opening the database, so overlapping them saves one of the two.
     */
    final class CatalogLoad {
        private final CompletableFuture<MigrationCatalog> future = new CompletableFuture<>();

        /**
         * @param warmSnapshotCode the run ends by recording a snapshot: warm that code up once the files are read,
         *                         the first time in this engine (a long-lived server's is warm after that)
         */
        CatalogLoad(boolean warmSnapshotCode) {
            CATALOG_LOADER.execute(() -> {
                try {
                    future.complete(loadCatalog());
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                    return;
                }
                if (warmSnapshotCode && snapshotCodeWarmed.compareAndSet(false, true)) {
                    // the catalog is handed over first; then, while the migrations run, the code that records the
                    // final snapshot gets loaded and warm
                    snapshots.warmUp();
                }
            });
        }

        MigrationCatalog get() {
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
    }

    /** Creates or adopts the history table (under the lock) and reads the state. */
    DatabaseState prepareHistory(Connection c, CatalogLoad load, List<String> notes) throws SQLException {
        MigrationCatalog catalog = load.get();
        if (database.defaultSchema() != null) {
            database.dialect().createDefaultSchema(c, database.defaultSchema());
        }
        HistoryTable.Setup setup = history.ensure(c);
        snapshots.ensure(c);
        if (setup == HistoryTable.Setup.ADOPTED) {
            int filled = 0;
            for (HistoryRow row : history.read(c)) {
                if (row.checksum() == null && catalog.contains(row.version())) {
                    history.fillChecksum(c, row.version(), catalog.find(row.version()).orElseThrow().checksum());
                    filled++;
                }
            }
            notes.add("adopted the existing history table " + history.name() + ": added the missing columns and "
                    + "recorded the current checksums of " + filled + " applied migration(s)");
        } else if (setup == HistoryTable.Setup.CREATED) {
            notes.add("created the history table " + history.name());
            ForeignHistory.Found found = foreignHistory(c, catalog).orElse(null);
            if (found != null) {
                for (HistoryRow row : found.rows()) {
                    history.insert(c, row);
                }
                if (!found.repeatables().isEmpty()) {
                    repeatables.ensure(c);
                    for (RepeatableHistory.Row row : found.repeatables().values()) {
                        repeatables.put(c, row);
                    }
                }
                notes.add("adopted " + found.rows().size() + " row(s) of " + found.source() + " into "
                        + history.name() + (found.repeatables().isEmpty() ? "" : " and "
                        + found.repeatables().size() + " repeatable(s) into " + repeatables.name()) + "; "
                        + found.table() + " is left as it was");
                notes.addAll(found.notes());
            }
        }
        return new DatabaseState(catalog, history.read(c));
    }

    /** What the live schema says of the row's statement in doubt; null when none is. */
    StatementEffect.Effect statementEffect(Connection c, HistoryRow row, Migration file) throws SQLException {
        return StatementEffect.ofRow(database.dialect(), c, snapshots, row, file);
    }

    MigrationRunner runner(ProgressListener listener) {
        return new MigrationRunner(database.dialect(), history, listener, redactor);
    }

    /**
     * Takes the migration lock, then settles a restore that was cut short half-way through its MySQL swap (see
     * BackupService#settleInterruptedRestore), so that whatever runs under the lock finds the database whole, and
     * drops the scratch and holding databases ended processes left behind (BackupService#dropLeftovers).
     */
    MigrationLock lock(Connection c) throws SQLException {
        try {
            MigrationLock lock = database.dialect().acquireLock(c, history.name(), config.lockTimeout());
            try {
                backups().settleInterruptedRestore(c);
                backups().dropLeftovers(c);
            } catch (SQLException | RuntimeException e) {
                try {
                    lock.close();
                } catch (SQLException release) {
                    e.addSuppressed(release);
                }
                throw e;
            }
            return lock;
        } catch (LockTimeoutException e) {
            throw new MigrateException(ErrorCode.LOCK_TIMEOUT, redactor.redact(e.getMessage()),
                    "Another migration run is in progress. Wait for it to finish, or raise --lock-timeout; if its "
                            + "holder is gone, its session must end before the lock frees.",
                    Map.of("holder", redactor.redact(e.holder()), "waited_ms", config.lockTimeout().toMillis()),
                    null);
        }
    }

    /** A unit of work that needs the migration files and the history. */
    @FunctionalInterface
    interface StateWork<T> {
        T run(Connection c, DatabaseState state) throws SQLException;
    }

    /**
     * Runs {@code work} on one pooled connection with the files and the history read. The files are read on another
     * thread while this one connects: on a cold JVM (every command line run) each takes about as long as the other.
     */
    <T> T withState(StateWork<T> work) {
        CatalogLoad catalog = new CatalogLoad(false);
        return withConnection(c -> work.run(c, new DatabaseState(catalog.get(), historyRows(c, catalog.get()))));
    }

    /** A unit of work that needs the files, the history and what was found of an interrupted restore. */
    @FunctionalInterface
    interface CheckedStateWork<T> {
        T run(Connection c, DatabaseState state, InterruptedRestore restore) throws SQLException;
    }

    /** A MySQL restore cut short in its swap, settled now when the lock is free at once; null when there is none. */
    InterruptedRestore interruptedRestore(Connection c) throws SQLException {
        return interruptedRestores.check(c);
    }

    /**
     * As {@link #withState}, for the verbs that take no lock: a MySQL restore cut short in its swap is settled first
     * when the lock is free at once, else handed to the work to report (see {@link InterruptedRestores}).
     */
    <T> T withCheckedState(CheckedStateWork<T> work) {
        CatalogLoad catalog = new CatalogLoad(false);
        return withConnection(c -> {
            InterruptedRestore restore = interruptedRestore(c);
            return work.run(c, new DatabaseState(catalog.get(), historyRows(c, catalog.get())), restore);
        });
    }

    /**
     * The history as the next run will see it: our table's rows or, before our table exists, the history another
     * tool left here (which the next run that changes the database copies into ours).
     */
    List<HistoryRow> historyRows(Connection c, MigrationCatalog catalog) throws SQLException {
        Optional<List<HistoryRow>> ours = history.readIfExists(c);
        return ours.isPresent() ? ours.get()
                : foreignHistory(c, catalog).map(ForeignHistory.Found::rows).orElse(List.of());
    }

    /** The history another tool left here: golang-migrate's or dbmate's, else Flyway's. */
    Optional<ForeignHistory.Found> foreignHistory(Connection c, MigrationCatalog catalog)
            throws SQLException {
        Optional<ForeignHistory.Found> found = ForeignHistory.read(c, database.dialect(), history.name(), catalog);
        return found.isPresent() ? found : FlywayHistory.read(c, database.dialect(), history.name(), catalog);
    }

    /** A unit of work on one pooled connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T withConnection(Work<T> work) {
        Connection c;
        try {
            c = database.connection();
        } catch (SQLException e) {
            if (database.dialect().lockedByAnotherConnection(e)) {
                throw lockedByAnotherConnection(e);
            }
            throw new MigrateException(ErrorCode.CONNECTION_FAILED, "cannot connect to "
                    + config.connection().redactedUrl() + ": " + redactor.redact(rootMessage(e)),
                    "Check the URL, user and password (--url/--user/--password or MIGRATE_MCP_URL/USER/PASSWORD) "
                            + "and that the server is running.", Map.of("sql_state", String.valueOf(e.getSQLState())),
                    null);
        }
        try (c) {
            return work.run(c);
        } catch (SQLException e) {
            if (database.dialect().lockedByAnotherConnection(e)) {
                throw lockedByAnotherConnection(e);
            }
            if (database.dialect().diskFull(e)) {
                throw new MigrateException(ErrorCode.DISK_FULL, redactor.redact(e.getMessage()), "The disk (or the "
                        + "database's space) is full: free space, then run status to see what was recorded.",
                        Map.of("sql_state", String.valueOf(database.dialect().errorState(e))), null);
            }
            throw new MigrateException(ErrorCode.DATABASE_ERROR, redactor.redact(e.getMessage()),
                    "The database refused an operation of the migration tool itself; see the message.",
                    Map.of("sql_state", String.valueOf(e.getSQLState())), null);
        }
    }

    /** SQLite stayed locked by a connection other than a migration run's for the whole busy wait. */
    private MigrateException lockedByAnotherConnection(SQLException e) {
        String runHolder = null;
        try (Connection c = database.connection()) {
            runHolder = database.dialect().migrationLockHolder(c, history.name());
        } catch (SQLException unknown) {
            // then the holder is not named
        }
        String holder = runHolder != null ? redactor.redact(runHolder)
                : "another connection to the database file (SQLite does not say which)";
        return new MigrateException(ErrorCode.LOCK_TIMEOUT, "the database stayed locked for the whole wait of "
                + config.lockTimeout().toMillis() + " ms" + (runHolder != null ? ", by the migration run of " + holder
                : " by " + holder) + ": " + redactor.redact(e.getMessage()),
                "Another program holds a write transaction open on the database file. Wait for it to finish, or "
                        + "raise --lock-timeout.",
                Map.of("holder", holder, "waited_ms", config.lockTimeout().toMillis()), null);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? e.getMessage() : e.getMessage() + " (" + t.getMessage() + ")";
    }

    @Override
    public void close() {
        database.close();
    }
}
