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
     * Replaces the database's contents with the file's, whole or not at all. {@code verified} is the scratch
     * database {@link #restoreInto} just filled and the caller compared with the manifest (MySQL swaps its tables in).
     */
    void replace(Connection connection, ConnectionSettings settings, Path source, BackupManifest m,
                 Connection verified) throws IOException, SQLException;
}
