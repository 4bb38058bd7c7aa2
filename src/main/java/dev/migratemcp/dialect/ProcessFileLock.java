package dev.migratemcp.dialect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A lock that excludes both other threads of this process and other processes: a one-permit semaphore per key
 * (file locks are held per process, so threads must queue inside it; a semaphore, unlike a reentrant lock, also
 * keeps out a second acquisition by the same thread) plus an OS lock on a lock file. The OS drops the
 * file lock when a process dies, so a crash never leaves the database locked. The file is never deleted: deleting a
 * lock file that another process has open would let two processes lock two different files.
 */
final class ProcessFileLock implements MigrationLock {

    private static final Map<String, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Map<String, String> HOLDERS = new ConcurrentHashMap<>();

    private final String key;
    private final Semaphore threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private ProcessFileLock(String key, Semaphore threadLock, FileChannel channel, FileLock fileLock) {
        this.key = key;
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    static MigrationLock acquire(String key, Path lockFile, Duration timeout)
            throws SQLException, LockTimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore threadLock = IN_PROCESS.computeIfAbsent(key, k -> new Semaphore(1));
        try {
            if (!threadLock.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                String holder = HOLDERS.getOrDefault(key, "another thread of this process");
                throw new LockTimeoutException("migration lock not acquired within " + timeout.toMillis()
                        + " ms: held by " + holder, holder);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the migration lock", e);
        }
        if (lockFile == null) {
            HOLDERS.put(key, describeSelf());
            return new ProcessFileLock(key, threadLock, null, null);
        }
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock fileLock = waitForFileLock(channel, deadline);
            if (fileLock == null) {
                String holder = readHolder(channel);
                channel.close();
                threadLock.release();
                throw new LockTimeoutException("migration lock not acquired within " + timeout.toMillis()
                        + " ms: held by " + holder + " (lock file " + lockFile + ")", holder);
            }
            String self = describeSelf();
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(self.getBytes(StandardCharsets.UTF_8)), 0);
            HOLDERS.put(key, self);
            return new ProcessFileLock(key, threadLock, channel, fileLock);
        } catch (IOException e) {
            threadLock.release();
            throw new SQLException("cannot use the lock file " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private static FileLock waitForFileLock(FileChannel channel, long deadline) throws IOException, SQLException {
        long pauseMillis = 5;
        while (true) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this process holds it under another path spelling: wait like anyone else
            }
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() >= deadline) {
                return null;
            }
            try {
                Thread.sleep(Math.min(pauseMillis, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the migration lock", e);
            }
            pauseMillis = Math.min(pauseMillis * 2, 100);
        }
    }

    /**
     * Who holds the lock of this lock file now, as its holder wrote it, or null when nobody does (or there is no
     * file). Only looks: the file is opened for reading, never created, and a lock taken to test it is let go at once.
     */
    static String holderIfHeld(Path lockFile) {
        if (!java.nio.file.Files.isRegularFile(lockFile)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ)) {
            FileLock probe;
            try {
                probe = channel.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                String inProcess = HOLDERS.get(lockFile.toAbsolutePath().normalize().toString());
                return inProcess != null ? inProcess : describeSelf();
            }
            if (probe != null) {
                probe.release();
                return null;
            }
            return readHolder(channel);
        } catch (IOException e) {
            return null;
        }
    }

    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(512);
            int n = channel.read(buf, 0);
            String text = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "another process" : text;
        } catch (IOException e) {
            return "another process";
        }
    }

    private static String describeSelf() {
        return ProcessIdentity.describe() + ", thread " + Thread.currentThread().getName() + ", since "
                + Instant.now();
    }

    @Override
    public void close() throws SQLException {
        HOLDERS.remove(key);
        try {
            if (fileLock != null) {
                fileLock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            throw new SQLException("releasing the migration lock file failed: " + e.getMessage(), e);
        } finally {
            threadLock.release();
        }
    }
}
