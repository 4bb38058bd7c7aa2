package dev.migratemcp.dialect;

import com.zaxxer.hikari.HikariConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * SQLite: DDL is transactional, so each migration is one transaction. The migration lock is a file lock beside the
 * database file (held across migrations, released by the OS if the process dies), and every migration transaction
 * starts with BEGIN IMMEDIATE, which takes SQLite's own write lock at once instead of failing on upgrade.
 */
final class SqliteDialect implements Dialect {

    private static final HistoryColumnTypes TYPES = new HistoryColumnTypes("INTEGER", "INTEGER", "TEXT", "TEXT", "TEXT", "TEXT",
            "TEXT", "TEXT");

    private boolean foreignKeysWereOn;

    @Override
    public DatabaseKind kind() {
        return DatabaseKind.SQLITE;
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public void configurePool(HikariConfig config, Duration lockTimeout) {
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        config.addDataSourceProperty("busy_timeout", Long.toString(Math.max(1, lockTimeout.toMillis())));
        // one writer at a time is all SQLite has; a second connection would only wait on the first
        config.setMaximumPoolSize(1);
        // The pool checks a new connection before handing it out. sqlite-jdbc's isValid runs a statement that reads
        // the schema, which needs a shared lock: while a migration run of another process holds SQLite's exclusive
        // lock (its transaction wrote pages to the file), connecting itself waited the whole busy timeout and
        // failed as connection_failed, before the wait for the migration lock could say who holds it. This pragma
        // reads no page and takes no lock.
        config.setConnectionTestQuery("PRAGMA database_list");
    }

    @Override
    public void configureReadOnly(HikariConfig config) {
        // SQLITE_OPEN_READONLY without SQLITE_OPEN_CREATE: nothing can be written, and a missing file is not made
        config.addDataSourceProperty("open_mode", "1");
        // sqlite-jdbc refuses to change the flag once open; the pool would otherwise set it back to false
        config.setReadOnly(true);
    }

    @Override
    public SQLException explainReadOnlyOpenFailure(SQLException e) {
        if (hasResultCode(e, "SQLITE_CANTOPEN")) {
            return new SQLException("the database file does not exist or cannot be read; a read-only server opens "
                    + "it read-only and creates nothing (" + e.getMessage() + ")", e.getSQLState(), e);
        }
        return e;
    }

    @Override
    public boolean lockedByAnotherConnection(SQLException e) {
        return hasResultCode(e, "SQLITE_BUSY");
    }

    private static boolean hasResultCode(SQLException e, String code) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.sqlite.SQLiteException sqlite && sqlite.getResultCode().name().startsWith(code)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public MigrationLock acquireLock(Connection connection, String historyTable, Duration timeout)
            throws SQLException, LockTimeoutException {
        String file = mainDatabaseFile(connection);
        if (file == null || file.isEmpty()) {
            // an in-memory database lives only in this process: a lock inside the process is enough
            return ProcessFileLock.acquire("sqlite-memory:" + System.identityHashCode(connection) + ":"
                    + historyTable.toLowerCase(Locale.ROOT), null, timeout);
        }
        // one lock per history, like the server databases' locks; the file name says which
        Path lockFile = lockFile(file, historyTable);
        return ProcessFileLock.acquire(lockFile.toAbsolutePath().normalize().toString(), lockFile, timeout);
    }

    @Override
    public String migrationLockHolder(Connection connection, String historyTable) throws SQLException {
        String file = mainDatabaseFile(connection);
        return file == null || file.isEmpty() ? null
                : ProcessFileLock.holderIfHeld(lockFile(file, historyTable));
    }

    private static Path lockFile(String databaseFile, String historyTable) {
        return Path.of(databaseFile + "." + historyTable.toLowerCase(Locale.ROOT) + ".lock");
    }

    private static String mainDatabaseFile(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA database_list")) {
            while (rs.next()) {
                if ("main".equals(rs.getString("name"))) {
                    return rs.getString("file");
                }
            }
        }
        return null;
    }

    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public HistoryColumnTypes historyColumnTypes() {
        return TYPES;
    }

    @Override
    public java.util.Map<String, String> sessionFacts(Connection connection) {
        // no users, and the database's own schema is main (Flyway says the same)
        return java.util.Map.of("user", "", "defaultschema", "main");
    }

    @Override
    public boolean tableExists(Connection connection, String table) throws SQLException {
        return CatalogQueries.any(connection,
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND lower(name) = lower(?)", table);
    }

    @Override
    public Set<String> columnNames(Connection connection, String table) throws SQLException {
        return CatalogQueries.lowerNames(connection, "SELECT name FROM pragma_table_info(?)", table);
    }

    @Override
    public boolean isTextColumn(Connection connection, String table, String column) throws SQLException {
        return CatalogQueries.any(connection, "SELECT 1 FROM pragma_table_info('" + CatalogQueries.plain(table)
                + "') WHERE lower(name) = lower(?) AND (upper(type) LIKE '%CHAR%' OR upper(type) LIKE '%TEXT%' "
                + "OR upper(type) LIKE '%CLOB%')", column);
    }

    /**
     * SQLite cannot change a column's type, and text stored in an INTEGER column turns back into a number (or, for
     * 1.10, into the real 1.1), so the table is rebuilt: a copy with the same columns, defaults and primary key but
     * the column as text, the rows copied with the value cast to text, the old table dropped and the copy renamed.
     * In the caller's transaction, like any SQLite DDL. Only the primary key is carried over, not other indexes:
     * the tables converted (history and snapshots) have no others.
     */
    @Override
    public void convertColumnToText(Connection connection, String table, String column, String textType)
            throws SQLException {
        List<String> definitions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        java.util.TreeMap<Integer, String> key = new java.util.TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    boolean converted = name.equalsIgnoreCase(column);
                    names.add(quote(name));
                    definitions.add(quote(name) + " " + (converted ? textType : rs.getString(2))
                            + (rs.getInt(3) != 0 ? " NOT NULL" : "")
                            + (rs.getString(4) != null ? " DEFAULT " + rs.getString(4) : ""));
                    if (rs.getInt(5) > 0) {
                        key.put(rs.getInt(5), quote(name));
                    }
                }
            }
        }
        if (!key.isEmpty()) {
            definitions.add("PRIMARY KEY (" + String.join(", ", key.values()) + ")");
        }
        String copy = table + "_text_" + Long.toHexString(System.nanoTime());
        List<String> selected = names.stream().map(n -> n.equalsIgnoreCase(quote(column))
                ? "CAST(" + n + " AS TEXT)" : n).toList();
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE " + copy + " (" + String.join(", ", definitions) + ")");
            s.execute("INSERT INTO " + copy + " (" + String.join(", ", names) + ") SELECT "
                    + String.join(", ", selected) + " FROM " + table);
            s.execute("DROP TABLE " + table);
            s.execute("ALTER TABLE " + copy + " RENAME TO " + table);
        }
    }

    @Override
    public void bindTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setString(index, value == null ? null : value.toString());
    }

    @Override
    public Instant readTimestamp(ResultSet rs, String column) throws SQLException {
        return Timestamps.parse(rs.getString(column));
    }

    /**
     * Table rebuilds (create new, copy, drop old, rename) are how SQLite changes most things, and with foreign keys
     * enforced the DROP would cascade into child tables. So where the connection enforces them, they are switched off
     * while a migration runs, as SQLite's own documentation prescribes, and {@link #verifyBeforeCommit} checks the
     * result instead. Where the connection does not enforce them (SQLite's default), there is nothing to switch and
     * nothing the migration could break that the connection would have caught.
     */
    @Override
    public void beforeMigration(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA foreign_keys")) {
                foreignKeysWereOn = rs.next() && rs.getInt(1) == 1;
            }
            if (foreignKeysWereOn) {
                s.execute("PRAGMA foreign_keys = OFF");
            }
        }
    }

    @Override
    public void verifyBeforeCommit(Connection connection) throws SQLException {
        if (!foreignKeysWereOn) {
            return;
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
            if (rs.next()) {
                throw new SQLException("foreign key check failed after the migration: table " + rs.getString(1)
                        + " row " + rs.getLong(2) + " references a missing row in " + rs.getString(3),
                        "23000");
            }
        }
    }

    @Override
    public void afterMigration(Connection connection) throws SQLException {
        if (foreignKeysWereOn) {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA foreign_keys = ON");
            }
        }
    }

    /**
     * Commits by switching auto-commit back on: sqlite-jdbc's {@code commit()} begins the next transaction at once,
     * and with {@code BEGIN IMMEDIATE} that takes and drops the write lock for nothing, once per migration, where
     * other writers can meet it. When the COMMIT itself fails (another connection still reading, past the busy
     * timeout), sqlite-jdbc has already switched to auto-commit with the transaction still open: it is rolled back
     * here, so that no lock stays behind.
     */
    @Override
    public void commit(Connection connection) throws SQLException {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            try (Statement s = connection.createStatement()) {
                s.execute("ROLLBACK");
            } catch (SQLException alreadyEnded) {
                e.addSuppressed(alreadyEnded);
            }
            throw e;
        }
    }

    /**
     * A statement that failed for want of disk space (SQLITE_FULL) makes SQLite roll the transaction back by
     * itself, behind sqlite-jdbc's back: switching to auto-commit then runs a COMMIT that fails ("cannot commit - no
     * transaction is active") after sqlite-jdbc has set its own flag, while the pool's proxy keeps the old one. A
     * second switch is then a no-op for sqlite-jdbc that brings the proxy in line; should a transaction really be
     * open, it fails again and the error stands.
     */
    @Override
    public void restoreAutoCommit(Connection connection) throws SQLException {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException again) {
                e.addSuppressed(again);
                throw e;
            }
        }
    }

    /** sqlite-jdbc sets no SQLSTATE; its result code (e.g. SQLITE_CONSTRAINT_UNIQUE) says as much. */
    @Override
    public String errorState(SQLException e) {
        if (e.getSQLState() != null) {
            return e.getSQLState();
        }
        if (e instanceof org.sqlite.SQLiteException sqlite) {
            return sqlite.getResultCode().name();
        }
        return "SQLITE_" + e.getErrorCode();
    }

    /** SQLITE_FULL, and an I/O error writing that SQLite reports as a full disk. */
    @Override
    public boolean diskFull(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.sqlite.SQLiteException sqlite
                    && sqlite.getResultCode().name().startsWith("SQLITE_FULL")) {
                return true;
            }
            if (t.getMessage() != null && (t.getMessage().contains("SQLITE_FULL")
                    || t.getMessage().contains("database or disk is full"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ScratchDatabase createScratch(dev.migratemcp.config.ConnectionSettings settings) throws SQLException {
        return ScratchDatabases.sqlite();
    }

    /** The scratch files of ended processes, in the temp folder (see {@link SqliteScratchFiles}). */
    @Override
    public java.util.List<String> dropAbandonedScratch(Connection connection) {
        return SqliteScratchFiles.dropAbandoned();
    }

    @Override
    public SchemaIntrospector introspector() {
        return new SqliteIntrospector();
    }
}
