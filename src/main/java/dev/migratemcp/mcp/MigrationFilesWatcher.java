package dev.migratemcp.mcp;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.MigrateException;
import dev.migratemcp.engine.MigrationEngine;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the listed {@code migration://{version}} resources equal to the files in the migrations folder while the
 * server runs. Adding or removing a resource makes the SDK send {@code notifications/resources/list_changed}, so a
 * client sees a migration written after start (by create_migration, an editor, a git checkout) without reconnecting.
 */
final class MigrationFilesWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationFilesWatcher.class);
    /** Events come in bursts (an editor writes a temp file, renames it); one re-read after the burst is enough. */
    private static final long SETTLE_MS = 200;

    private final MigrationEngine engine;
    private final WatchService watch;
    /** the versions the servers are built with, read on a thread of its own while they are being built */
    private final CompletableFuture<Set<Version>> firstListing;
    private final Thread thread;
    private volatile List<McpSyncServer> servers = List.of();

    private MigrationFilesWatcher(MigrationEngine engine, WatchService watch) {
        this.engine = engine;
        this.watch = watch;
        this.thread = new Thread(this::run, "migration-files-watcher");
        thread.setDaemon(true);
        // reading every file takes a cold JVM tens of milliseconds; the client waits for initialize meanwhile
        this.firstListing = CompletableFuture.supplyAsync(() -> MigrationResources.versions(engine), task -> {
            Thread listing = new Thread(task, "migration-files-listing");
            listing.setDaemon(true);
            listing.start();
        });
    }

    /**
     * Starts watching the migrations folder, then reading which versions it holds (see {@link #firstListing()}):
     * the watch comes first, so a file written while the servers are being built is not missed. Without a folder to
     * watch, the files of the start stay listed (the template still reads any version).
     */
    static MigrationFilesWatcher watch(MigrationEngine engine) {
        WatchService watch = null;
        Path dir = engine.config().migrationsDir();
        try {
            if (Files.isDirectory(dir)) {
                watch = dir.getFileSystem().newWatchService();
                dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
            }
        } catch (IOException e) {
            LOG.warn("cannot watch {} for new migration files: {}", dir, e.getMessage());
            watch = null;
        }
        return new MigrationFilesWatcher(engine, watch);
    }

    /** The versions there were files for when the watch began: what the servers list when they are built. */
    Set<Version> firstListing() {
        return firstListing.join();
    }

    /** Keeps these servers' file resources in step with the folder from now on. */
    void keepInStep(List<McpSyncServer> built) {
        servers = List.copyOf(built);
        if (watch != null) {
            thread.start();
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                // let the burst settle, then take everything it brought
                Thread.sleep(SETTLE_MS);
                do {
                    key.pollEvents();
                    if (!key.reset()) {
                        LOG.warn("the migrations folder is gone; its resources stay as they were");
                        return;
                    }
                } while ((key = watch.poll(0, TimeUnit.MILLISECONDS)) != null);
                sync();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the server is stopping
        }
    }

    /** Adds the resources of new files and removes those of files that went; each change notifies the clients. */
    private synchronized void sync() {
        Set<Version> now;
        try {
            now = new TreeSet<>(engine.versions());
        } catch (MigrateException e) {
            // a file being written, or a broken one: keep the list until the folder reads again
            LOG.debug("migrations folder not readable now: {}", e.getMessage());
            return;
        }
        for (McpSyncServer server : servers) {
            Set<Version> listed = new TreeSet<>();
            for (McpSchema.Resource resource : server.listResources()) {
                Version version = MigrationResources.fileVersion(resource.uri());
                if (version != null) {
                    listed.add(version);
                }
            }
            for (Version gone : listed) {
                if (!now.contains(gone)) {
                    server.removeResource(MigrationResources.uri(gone));
                }
            }
            for (Version version : now) {
                if (!listed.contains(version)) {
                    server.addResource(MigrationResources.file(engine, version));
                }
            }
        }
    }

    @Override
    public void close() {
        if (watch != null) {
            try {
                watch.close();
            } catch (IOException e) {
                LOG.debug("closing the watch service: {}", e.getMessage());
            }
        }
    }
}
