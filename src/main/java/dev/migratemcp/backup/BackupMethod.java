package dev.migratemcp.backup;

import dev.migratemcp.config.ConnectionSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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

    /** Checks that the file can be read back, short of restoring it; returns null when it can, else why not. */
    String readable(Path file) throws IOException;

    /** Replaces the database's contents with the file's. */
    void restore(Connection connection, ConnectionSettings settings, Path source) throws IOException, SQLException;
}
