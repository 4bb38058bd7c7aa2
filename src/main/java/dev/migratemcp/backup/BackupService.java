package dev.migratemcp.backup;

import dev.migratemcp.migration.Version;
import dev.migratemcp.config.ConnectionSettings;
import dev.migratemcp.dialect.Database;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.dialect.ScratchDatabase;
import dev.migratemcp.schema.SchemaDiff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.migratemcp.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Backups in a folder: each one a file and a JSON manifest, both written under a temporary name and renamed when
 * complete, so a crash never leaves something that looks like a whole backup. Ids are checked before they touch the
 * file system: no separators, no traversal, nothing outside the folder.
 */
public final class BackupService {

    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);

    /** Hashes a finished backup file; a daemon thread, so a stuck disk never keeps the process alive. */
    private static final Executor HASHER = task -> {
        Thread t = new Thread(task, "migrate-mcp-backup-hash");
        t.setDaemon(true);
        t.start();
    };

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Database database;
    private final Path folder;
    private final boolean builtinOnly;

    /** @param builtinOnly use our own dump for PostgreSQL and MySQL even when their tools are present */
    public BackupService(Database database, Path folder, boolean builtinOnly) {
        this.database = database;
        this.folder = folder;
        this.builtinOnly = builtinOnly;
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches() && !id.contains("..");
    }

    /** How this database is backed up here: its dump tools when present (unless told otherwise), else our dump. */
    public Optional<String> methodName(Connection c) throws SQLException {
        return method(c).map(BackupMethod::id);
    }

    Optional<BackupMethod> method(Connection c) throws SQLException {
        return switch (database.dialect().kind()) {
            case SQLITE -> Optional.of(new SqliteBackupMethod());
            case POSTGRESQL -> Optional.of(!builtinOnly && PgDumpMethod.usable(c) ? new PgDumpMethod()
                    : new BuiltinPostgresDump());
            case MYSQL -> Optional.of(!builtinOnly && MysqlDumpMethod.usable() && MysqlDumpMethod.dumpsExactly(c)
                    ? new MysqlDumpMethod()
                    : new BuiltinMysqlDump());
        };
    }

    static BackupMethod methodById(String id) {
        return switch (id) {
            case "sqlite_backup_api", "sqlite_vacuum_into" -> new SqliteBackupMethod();
            case "pg_dump_custom" -> new PgDumpMethod();
            case "mysqldump" -> new MysqlDumpMethod();
            case "builtin_logical_postgresql" -> new BuiltinPostgresDump();
            case "builtin_logical_mysql" -> new BuiltinMysqlDump();
            default -> throw new IllegalArgumentException("unknown backup method " + id);
        };
    }

    /**
     * @param c             a connection to the database (the pool may hold only one)
     * @param label         free text to remember the backup by (kept in the manifest, slugged into the id)
     * @param schemaVersion the version the database is at
     * @param listener      hears (0, 1) once at the start, (done, total) as the copy goes and (total, total) once
     *                      the backup is complete (see {@link BackupProgress})
     */
    public BackupManifest create(Connection c, String label, Version schemaVersion, BiConsumer<Long, Long> listener)
            throws IOException, SQLException {
        BackupProgress progress = new BackupProgress(listener);
        BackupMethod method = method(c).orElseThrow(() -> new IOException("no backup method for "
                + database.dialect().kind().id() + " here: its dump tools are not on the PATH"));
        Files.createDirectories(folder);
        Instant now = Instant.now();
        String id = STAMP.format(now) + slug(label);
        Path file = folder.resolve(id + method.extension());
        Path partial = folder.resolve(id + method.extension() + ".partial");
        String schema = database.dialect().kind() == DatabaseKind.POSTGRESQL ? PostgresReplacement.currentSchema(c)
                : null;
        CopyFacts facts;
        String sha256;
        progress.started();
        try {
            method.create(c, database.settings(), partial, progress);
            // the file is complete: hash it on another thread while this one reads what it holds (on a gigabyte
            // each takes about as long as the copy did, and they use different resources)
            CompletableFuture<String> hash = CompletableFuture.supplyAsync(() -> {
                try {
                    return sha256(partial);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, HASHER);
            try {
                Optional<CopyFacts> read = method.facts(partial);
                facts = read.isPresent() ? read.get() : factsFromScratch(c, method, partial, schema);
            } finally {
                sha256 = joinHash(hash);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        move(partial, file);
        BackupManifest manifest = new BackupManifest(id, database.dialect().kind().id(),
                database.settings().redactedUrl(), schemaVersion, method.id(), file.getFileName().toString(),
                Files.size(file), sha256, facts.rows(), now, label, schema, facts.extensions(), facts.schema(),
                facts.hashes(), ContentHash.DESCRIPTION);
        Path manifestPartial = folder.resolve(id + ".json.partial");
        Files.writeString(manifestPartial, Json.pretty(manifest));
        move(manifestPartial, folder.resolve(id + ".json"));
        progress.written();
        return manifest;
    }

    /**
     * What a copy holds when its method could not read it in its own snapshot (mysqldump): the copy restored into a
     * scratch database and read there, so the facts describe exactly the file.
     */
    private CopyFacts factsFromScratch(Connection c, BackupMethod method, Path copy, String schema)
            throws IOException, SQLException {
        BackupManifest bare = new BackupManifest(null, database.dialect().kind().id(), null, Version.ZERO, method.id(), null, 0,
                null, null, null, null, schema, List.of(), null, null, null);
        return inScratch(c, bare, copy, method, (scratch, restored) -> restored);
    }

    /** Every complete backup in the folder, newest first; half-written ones (no manifest yet) are not backups. */
    public List<BackupManifest> list() throws IOException {
        List<BackupManifest> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> manifests = Files.newDirectoryStream(folder, "*.json")) {
            for (Path p : manifests) {
                try {
                    BackupManifest m = Json.mapper().readValue(p.toFile(), BackupManifest.class);
                    if (Files.exists(folder.resolve(m.file()))) {
                        out.add(m);
                    }
                } catch (RuntimeException e) {
                    // not a manifest of ours: ignore it rather than fail the listing
                }
            }
        }
        out.sort(Comparator.comparing(BackupManifest::createdAt).reversed());
        return out;
    }

    /** The manifest of a backup, or empty when the id is unknown. The id must already be valid. */
    public Optional<BackupManifest> find(String id) throws IOException {
        Path p = folder.resolve(id + ".json");
        if (!isValidId(id) || !p.normalize().startsWith(folder.normalize()) || !Files.exists(p)) {
            return Optional.empty();
        }
        return Optional.of(Json.mapper().readValue(p.toFile(), BackupManifest.class));
    }

    /** Problems with a backup: missing file, size or checksum not as recorded, or unreadable. Empty when sound. */
    public List<String> verify(BackupManifest m) throws IOException {
        List<String> problems = new ArrayList<>();
        Path file = folder.resolve(m.file());
        if (!file.normalize().startsWith(folder.normalize()) || !Files.exists(file)) {
            problems.add("the backup file " + m.file() + " is missing");
            return problems;
        }
        if (Files.size(file) != m.sizeBytes()) {
            problems.add("size is " + Files.size(file) + " bytes, the manifest says " + m.sizeBytes());
        }
        if (!sha256(file).equalsIgnoreCase(m.sha256())) {
            problems.add("SHA-256 does not match the manifest: the file changed or is damaged");
        }
        if (problems.isEmpty()) {
            String unreadable = methodById(m.method()).readable(file);
            if (unreadable != null) {
                problems.add(unreadable);
            }
        }
        return problems;
    }

    /**
     * Deep verification: the shallow checks, then the backup restored into a scratch database and compared with what
     * the manifest recorded (schema, rows and content hash per table). Empty when it matches.
     */
    public List<String> verifyDeep(Connection c, BackupManifest m) throws IOException, SQLException {
        List<String> problems = verify(m);
        if (problems.isEmpty()) {
            inScratch(c, m, folder.resolve(m.file()), methodById(m.method()), (scratch, restored) -> {
                problems.addAll(differences(m, restored));
                return null;
            });
        }
        return problems;
    }

    /**
     * Replaces the database's contents with the backup's, whole or not at all: refuses first when the restore would
     * reach beyond what the backup holds or needs what the database lacks, then restores it into a scratch database
     * and compares it with the manifest (refusing a backup that differs), and only then replaces the database.
     * Callers hold the migration lock.
     */
    public void restore(Connection c, BackupManifest m) throws IOException, SQLException {
        BackupMethod method = methodById(m.method());
        BackupManifest target = withSchema(c, m);
        List<String> refusals = refusals(c, m);
        if (!refusals.isEmpty()) {
            throw new RestoreRefusedException("the restore would reach beyond what the backup holds, or needs what "
                    + "this database lacks", refusals);
        }
        Path file = folder.resolve(m.file());
        inScratch(c, target, file, method, (scratch, restored) -> {
            List<String> differences = differences(m, restored);
            if (!differences.isEmpty()) {
                throw new RestoreRefusedException("restored into a scratch database, the backup is not what its "
                        + "manifest says", differences);
            }
            LOG.info("restore of {}: restored and compared on a scratch database; replacing the database", m.id());
            method.replace(c, database.settings(), file, target, scratch);
            LOG.info("restore of {}: the database is replaced", m.id());
            return null;
        });
    }

    /**
     * Settles a restore cut short during its MySQL swap (the process killed, the connection lost), from the journal
     * it wrote before changing anything: finished when its RENAME took effect, else undone. A no-op on other
     * databases, whose replacement is one transaction. Callers hold the migration lock. Returns what it did.
     */
    public List<String> settleInterruptedRestore(Connection c) throws SQLException {
        return database.dialect().kind() == DatabaseKind.MYSQL ? MysqlSwapJournal.settleInterrupted(c) : List.of();
    }

    /**
     * Drops what killed restores, rehearsals and deep verifications left on the server and no live process uses:
     * scratch databases (and PostgreSQL scratch schemas) whose lease is free, and on MySQL holding databases without
     * a journal (one with a journal is the settling's to drop). Never fails: what cannot be dropped is logged and
     * left for next time. Callers settle interrupted restores first. Returns the names dropped.
     */
    public List<String> dropLeftovers(Connection c) {
        List<String> dropped = new ArrayList<>();
        if (database.dialect().kind() == DatabaseKind.MYSQL) {
            try {
                dropped.addAll(MysqlSwapJournal.dropAbandonedHoldings(c));
            } catch (SQLException e) {
                LOG.warn("could not look for holding databases left behind by ended restores: {}", e.getMessage());
            }
        }
        dropped.addAll(database.dialect().dropAbandonedScratch(c));
        return dropped;
    }

    /**
     * The MySQL restores of this database whose swap is not settled, read without taking a lock and changing nothing,
     * one line each naming its journal: a swap another session is running now, or one cut short that the next
     * command taking the migration lock settles. Empty on other databases, whose replacement is one transaction.
     */
    public List<String> unsettledRestores(Connection c) throws SQLException {
        if (database.dialect().kind() != DatabaseKind.MYSQL) {
            return List.of();
        }
        List<MysqlSwapJournal.Journal> journals = MysqlSwapJournal.journals(c);
        if (journals.isEmpty()) {
            return List.of();
        }
        String how = MysqlSwapJournal.swapRunning(c) ? "is being swapped in by another session right now"
                : "was cut short during its swap";
        return journals.stream().map(j -> "a restore of " + j.live() + " " + how + ": the database may hold the "
                + "backup's tables without its views, routines, triggers or events yet, or its old tables without "
                + "their triggers (journal: table " + MysqlSwapJournal.TABLE + " in database " + j.holding() + ")")
                .toList();
    }

    /**
     * Why restoring {@code m} here must not start, found before anything changes: objects outside what the backup
     * holds that depend on what it replaces, and extensions it needs that this database lacks. Empty when none.
     */
    public List<String> refusals(Connection c, BackupManifest m) throws SQLException {
        return methodById(m.method()).refusals(c, withSchema(c, m), folder.resolve(m.file()));
    }

    /** Work on a scratch database the backup was just restored into, and what it holds. */
    @FunctionalInterface
    private interface ScratchWork<T> {
        T run(Connection scratch, CopyFacts restored) throws IOException, SQLException;
    }

    /**
     * Restores the backup into a new scratch database, reads what it holds there and hands both to {@code work};
     * drops the scratch database afterwards. Anything that goes wrong before {@code work} is a refusal: nothing of
     * the real database has changed.
     */
    private <T> T inScratch(Connection c, BackupManifest m, Path file, BackupMethod method, ScratchWork<T> work)
            throws IOException, SQLException {
        BackupManifest target = withSchema(c, m);
        ScratchDatabase scratch;
        try {
            scratch = database.dialect().createScratch(database.settings());
        } catch (SQLException e) {
            throw new RestoreRefusedException("cannot make a scratch database to restore the backup into first "
                    + "(the user needs the right to create a database)", List.of(e.getMessage()));
        }
        try (scratch; Connection sc = connect(scratch.settings())) {
            CopyFacts restored;
            try {
                if (scratch.sharesDatabase()) {
                    // a PostgreSQL role without CREATEDB: the scratch is a schema of this very database
                    String why = method.notRestorableInSchema(c, target, file);
                    if (why != null) {
                        throw new IOException("this role cannot create a database (CREATEDB), so the backup is "
                                + "checked in a scratch schema of this database, restored there under another name, "
                                + "and this backup cannot be: " + why + ". Check or restore it as a role with CREATEDB");
                    }
                    method.restoreIntoSchema(sc, file, target);
                    restored = read(sc, PostgresReplacement.currentSchema(sc));
                } else {
                    method.restoreInto(sc, scratch.settings(), file, target);
                    restored = read(sc, target.schema());
                }
            } catch (IOException | SQLException e) {
                throw new RestoreRefusedException("the backup does not restore into a scratch database",
                        List.of(e.getMessage()));
            }
            return work.run(sc, restored);
        }
    }

    /** What the scratch copy holds; on PostgreSQL, in {@code schema}, where it was restored. */
    private CopyFacts read(Connection scratch, String schema) throws SQLException {
        if (schema != null) {
            try (Statement s = scratch.createStatement()) {
                s.execute("SET search_path TO " + PostgresReplacement.quote(schema));
            }
        }
        boolean autoCommit = scratch.getAutoCommit();
        scratch.setAutoCommit(false); // PostgreSQL streams rows through a cursor only inside a transaction
        try {
            return CopyFacts.of(scratch, database.dialect());
        } finally {
            scratch.rollback();
            scratch.setAutoCommit(autoCommit);
        }
    }

    /** The manifest with its PostgreSQL schema filled in from the connection, for manifests that predate it. */
    private BackupManifest withSchema(Connection c, BackupManifest m) throws SQLException {
        if (m.schema() != null || database.dialect().kind() != DatabaseKind.POSTGRESQL) {
            return m;
        }
        return new BackupManifest(m.id(), m.databaseKind(), m.database(), m.schemaVersion(), m.method(), m.file(),
                m.sizeBytes(), m.sha256(), m.rowCounts(), m.createdAt(), m.label(), PostgresReplacement.currentSchema(c),
                m.extensions(), m.snapshot(), m.contentHashes(), m.contentHash());
    }

    /** How a restored copy differs from what the manifest recorded; only what it recorded is compared. */
    static List<String> differences(BackupManifest m, CopyFacts restored) {
        List<String> out = new ArrayList<>();
        if (m.snapshot() != null) {
            for (SchemaDiff.Difference d : SchemaDiff.between(m.snapshot(), restored.schema())) {
                out.add("schema: " + d.message());
            }
        }
        if (m.contentHashes() != null) {
            for (Map.Entry<String, String> t : m.contentHashes().entrySet()) {
                String table = t.getKey();
                if (!restored.hashes().containsKey(table)) {
                    out.add("table " + table + " is not in the restored copy");
                } else if (!restored.rows().get(table).equals(m.rowCounts().get(table))) {
                    out.add("table " + table + " has " + restored.rows().get(table) + " rows restored, the manifest "
                            + "says " + m.rowCounts().get(table));
                } else if (!restored.hashes().get(table).equals(t.getValue())) {
                    out.add("table " + table + " has the recorded number of rows, but not the recorded content");
                }
            }
            for (String table : restored.hashes().keySet()) {
                if (!m.contentHashes().containsKey(table)) {
                    out.add("table " + table + " is in the restored copy but not in the manifest");
                }
            }
        }
        return out;
    }

    private static Connection connect(ConnectionSettings settings) throws SQLException {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        return DriverManager.getConnection(settings.jdbcUrl(), props);
    }

    /**
     * Deletes the oldest backups of this database beyond the newest {@code keep}, except those in {@code spared}
     * (which do not count towards {@code keep} either); returns their ids.
     */
    public List<String> prune(int keep, Set<String> spared) throws IOException {
        List<String> removed = new ArrayList<>();
        if (keep <= 0) {
            return removed;
        }
        String mine = database.settings().redactedUrl();
        List<BackupManifest> ours = list().stream().filter(m -> mine.equals(m.database()))
                .filter(m -> !spared.contains(m.id())).toList();
        for (BackupManifest m : ours.subList(Math.min(keep, ours.size()), ours.size())) {
            delete(m);
            removed.add(m.id());
        }
        return removed;
    }

    /** Deletes a backup: its manifest first, so that it is never listed without its file. */
    public void delete(BackupManifest m) throws IOException {
        Files.deleteIfExists(folder.resolve(m.id() + ".json"));
        Files.deleteIfExists(folder.resolve(m.file()));
    }

    private static String slug(String label) {
        if (label == null || label.isBlank()) {
            return "";
        }
        String s = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "" : "-" + (s.length() > 40 ? s.substring(0, 40) : s);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static String joinHash(CompletableFuture<String> hash) throws IOException {
        try {
            return hash.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
