package dev.migratemcp.backup;

import dev.migratemcp.config.ConnectionSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/** One way of writing a database into a file and putting it back. */
interface BackupMethod {

    /** Recorded in the manifest, so restore knows how the file was made. */
    String id();

    /** The backup file's name ending. */
    String extension();

    /**
     * Writes a consistent copy of the database into {@code target} (which does not exist yet), reporting progress
     * as it goes where the method can tell (done, total); a dump tool that tells nothing reports nothing (the service
     * announces the backup's start and end itself).
     */
    void create(Connection connection, ConnectionSettings settings, Path target, BiConsumer<Long, Long> progress)
            throws IOException, SQLException;

    /**
     * What the copy {@link #create} just made holds (schema, rows and content hash per table, extensions), read in
     * the snapshot it was made from or in the copy itself. Empty when the method can do neither (mysqldump, whose
     * snapshot cannot be shared): the facts are then read from the copy restored into a scratch database.
     */
    default Optional<CopyFacts> facts(Path copy) throws SQLException {
        return Optional.empty();
    }

    /** Checks that the file can be read back, short of restoring it; returns null when it can, else why not. */
    String readable(Path file) throws IOException;

    /**
     * Why restoring {@code m} (its file: {@code file}) into the connection's database must not start, before anything
     * changes: objects outside what the backup holds that depend on it, extensions and roles it needs that the
     * database lacks. Empty when none.
     */
    default List<String> refusals(Connection connection, BackupManifest m, Path file) throws SQLException {
        return List.of();
    }

    /**
     * Replays the file into an empty scratch database (for PostgreSQL, a new database where the backup's schema is
     * made), where it can be compared with the manifest without touching the real one.
     */
    void restoreInto(Connection scratch, ConnectionSettings settings, Path source, BackupManifest m)
            throws IOException, SQLException;

    /**
     * Why the file cannot be checked in a scratch schema of the database it belongs to, restored there under the
     * scratch schema's name (PostgreSQL, for a role that may not create a database); null when it can. {@code c} is
     * on that database. Only a dump that never names its own schema can be restored under another name, and only
     * when all it needs outside that schema is already in the database (the check must not install anything there).
     */
    default String notRestorableInSchema(Connection c, BackupManifest m, Path file) throws IOException, SQLException {
        return "a " + id() + " backup is restored only under its own name";
    }

    /**
     * Replays the file into the scratch connection's current schema, a new empty schema of the real database, under
     * that schema's name; only when {@link #notRestorableInSchema} found nothing against it.
     */
    default void restoreIntoSchema(Connection scratch, Path source, BackupManifest m) throws IOException,
            SQLException {
        throw new UnsupportedOperationException(id() + " does not restore into a scratch schema");
    }

    /**
     * Replaces the database's contents with the file's, whole or not at all. {@code verified} is the scratch
     * database {@link #restoreInto} just filled and the caller compared with the manifest (MySQL swaps its tables in).
     */
    void replace(Connection connection, ConnectionSettings settings, Path source, BackupManifest m,
                 Connection verified) throws IOException, SQLException;
}
