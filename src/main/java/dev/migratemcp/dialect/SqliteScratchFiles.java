package dev.migratemcp.dialect;

import dev.migratemcp.config.ConnectionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * SQLite's scratch databases: a folder {@code migrate_mcp_scratch_<id>} in the temp folder holding the scratch file
 * (and its journal), leased as the servers' are. Its lease is the file {@code migrate_mcp_scratch_<id>.lease} beside
 * it, which the process that made it holds an exclusive file lock on from before the folder exists until after it is
 * deleted. The operating system frees the lock when the process ends, however it ended, so a later cleanup can tell
 * a killed process's leftover (lock free: its folder and lease are deleted) from a live one's (lock held: left).
 */
final class SqliteScratchFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteScratchFiles.class);
    private static final String LEASE = ".lease";

    /**
     * The leases this process holds. The cleanup never opens their files: closing any channel of a file can free
     * every lock this process holds on it (POSIX locks are per process), which would hand a live scratch over.
     */
    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    private SqliteScratchFiles() {
    }

    /** Makes a leased scratch file, after deleting the leftovers of ended processes. */
    static ScratchDatabase create() throws SQLException {
        Path temp = tempFolder();
        dropAbandoned(temp);
        try {
            while (true) {
                String name = ScratchDatabases.uniqueName();
                Path lease = temp.resolve(name + LEASE);
                HELD.add(name);
                FileChannel channel = FileChannel.open(lease, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                // a cleanup may have locked and deleted the new lease file before we locked it: then take another
                if (lock == null || !Files.exists(lease)) {
                    channel.close();
                    HELD.remove(name);
                    continue;
                }
                Path folder = temp.resolve(name);
                try {
                    Files.createDirectory(folder);
                } catch (IOException e) {
                    release(name, folder, lease, channel);
                    throw e;
                }
                String url = "jdbc:sqlite:" + folder.resolve("scratch.db");
                return new ScratchDatabase(new ConnectionSettings(DatabaseKind.SQLITE, url, null, null),
                        () -> release(name, folder, lease, channel));
            }
        } catch (IOException e) {
            throw new SQLException("cannot make a scratch SQLite file in " + temp + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the scratch folder, then its lease file, then frees the lock (in that order, so no folder is unleased). */
    private static void release(String name, Path folder, Path lease, FileChannel channel) throws SQLException {
        try (channel) {
            deleteTree(folder);
            Files.deleteIfExists(lease);
        } catch (IOException e) {
            throw new SQLException("cannot delete the scratch folder " + folder + ": " + e.getMessage(), e);
        } finally {
            HELD.remove(name);
        }
    }

    /** Deletes the scratch folders whose lease no process holds; returns their names. Never fails. */
    static List<String> dropAbandoned() {
        return dropAbandoned(tempFolder());
    }

    private static List<String> dropAbandoned(Path temp) {
        List<String> dropped = new ArrayList<>();
        try (DirectoryStream<Path> leases = Files.newDirectoryStream(temp, ScratchDatabases.PREFIX + "*" + LEASE)) {
            for (Path lease : leases) {
                String file = lease.getFileName().toString();
                String name = file.substring(0, file.length() - LEASE.length());
                if (!HELD.contains(name) && dropIfFree(temp, name, lease)) {
                    dropped.add(name);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not look for SQLite scratch files left behind by ended processes in {}: {}", temp,
                    e.getMessage());
        }
        return dropped;
    }

    /** Takes the free lease (so two cleanups never both delete) and deletes the folder and the lease file. */
    private static boolean dropIfFree(Path temp, String name, Path lease) {
        try (FileChannel channel = FileChannel.open(lease, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null || !Files.exists(lease)) {
                return false; // a live process holds it, or another cleanup deleted it first
            }
            deleteTree(temp.resolve(name));
            Files.delete(lease);
            return true;
        } catch (NoSuchFileException | OverlappingFileLockException gone) {
            return false;
        } catch (IOException e) {
            LOG.debug("could not delete the SQLite scratch {} left behind: {}", name, e.getMessage());
            return false;
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Path tempFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
