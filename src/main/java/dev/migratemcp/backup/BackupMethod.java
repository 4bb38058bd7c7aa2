package dev.migratemcp.backup;

import dev.migratemcp.config.ConnectionSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
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
     * as it goes where the method can tell (done, total).
     */
    void create(Connection connection, ConnectionSettings settings, Path target, BiConsumer<Long, Long> progress)
            throws IOException, SQLException;

    /**
     * The rows of each of {@code tables} as they are in the copy {@link #create} just made: counted in the copy
     * itself, or in the snapshot it was read from. Empty when the method can do neither (an external dump tool with a
     * snapshot of its own): the rows are then counted in the live database, where a write made since the copy shows
     * as a difference. Called after {@code create}, while another thread hashes the file.
     */
    default Optional<Map<String, Long>> rowCounts(Path copy, Collection<String> tables) throws SQLException {
        return Optional.empty();
    }

    /** Checks that the file can be read back, short of restoring it; returns null when it can, else why not. */
    String readable(Path file) throws IOException;

    /** Replaces the database's contents with the file's. */
    void restore(Connection connection, ConnectionSettings settings, Path source) throws IOException, SQLException;
}
