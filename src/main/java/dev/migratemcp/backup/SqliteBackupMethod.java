package dev.migratemcp.backup;

import dev.migratemcp.config.ConnectionSettings;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.dialect.Dialect;
import org.sqlite.SQLiteConnection;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * SQLite through its online backup API, both ways. The backup copies every page in one step, under one read lock:
 * one consistent snapshot, never a plain file copy (which can catch a write half done). Copying in several steps
 * would let a write from another connection in between, and SQLite then starts the copy over: under a steady write
 * load it never finished. A writer waits for the one step in rollback-journal mode and is not held up in WAL mode.
 * ({@code VACUUM INTO} also copies from one snapshot, but re-encodes every row: about three times slower on a
 * gigabyte.) A restore ({@code restore from}) writes the destination's pages in one write transaction, through
 * its journal: killed part-way, the next connection rolls it back.
 */
final class SqliteBackupMethod implements BackupMethod {

    @Override
    public String id() {
        return "sqlite_backup_api";
    }

    @Override
    public String extension() {
        return ".sqlite";
    }

    /** Every page in one step: one snapshot of the source (see above). */
    private static final int ALL_PAGES = -1;
    /** Retries when the first step finds the source locked by a writer's commit, 100 ms apart. */
    private static final int BUSY_RETRIES = 100;

    @Override
    public void create(Connection c, ConnectionSettings settings, Path target, BiConsumer<Long, Long> progress)
            throws SQLException {
        SQLiteConnection sqlite = c.unwrap(SQLiteConnection.class);
        int rc = sqlite.getDatabase().backup("main", target.toAbsolutePath().toString(),
                (remaining, total) -> progress.accept((long) total - remaining, (long) total), 100, BUSY_RETRIES,
                ALL_PAGES);
        if (rc != 0) {
            throw new SQLException("SQLite backup failed with result code " + rc);
        }
    }

    /** Read in the copy itself, opened read-only: exactly what a restore would bring back. */
    @Override
    public Optional<CopyFacts> facts(Path copy) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.toAbsolutePath() + "?open_mode=1")) {
            return Optional.of(CopyFacts.of(c, Dialect.of(DatabaseKind.SQLITE)));
        }
    }

    @Override
    public String readable(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath() + "?open_mode=1");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            String result = rs.next() ? rs.getString(1) : "no answer";
            return "ok".equals(result) ? null : "integrity check: " + result;
        } catch (SQLException e) {
            return "not a readable SQLite database: " + e.getMessage();
        }
    }

    @Override
    public void restoreInto(Connection scratch, ConnectionSettings settings, Path source, BackupManifest m)
            throws SQLException {
        restoreFrom(scratch, source);
    }

    @Override
    public void replace(Connection c, ConnectionSettings settings, Path source, BackupManifest m, Connection verified)
            throws SQLException {
        restoreFrom(c, source);
    }

    private static void restoreFrom(Connection c, Path source) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("restore from " + quoted(source));
        }
    }

    /** sqlite-jdbc's backup commands take a quoted file name and know no escape for the quote itself. */
    private static String quoted(Path file) throws SQLException {
        String path = file.toAbsolutePath().toString();
        if (path.contains("'")) {
            throw new SQLException("the backups folder path must not contain a single quote: " + path);
        }
        return "'" + path + "'";
    }
}
