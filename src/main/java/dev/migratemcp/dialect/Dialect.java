package dev.migratemcp.dialect;

import com.zaxxer.hikari.HikariConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Everything the engine needs to know about one kind of database. The engine holds no special case for a database:
 * where they differ, the difference lives behind this interface and is proved by the shared conformance suite.
 */
public interface Dialect {

    DatabaseKind kind();

    /** True when DDL takes part in transactions and rolls back with them (SQLite, PostgreSQL; not MySQL). */
    boolean transactionalDdl();

    /** Connection pool settings this database needs (driver properties, application name, ...). */
    void configurePool(HikariConfig config, Duration lockTimeout);

    /**
     * Makes {@code schema} the session's schema on every connection, as Flyway does for a project's
     * {@code defaultSchema} (or first of {@code schemas}), so that its scripts create what they do not qualify there
     * and its history is found there. Only PostgreSQL does anything: a MySQL project's database is the URL's, and
     * SQLite has one.
     */
    default void configureDefaultSchema(HikariConfig config, String schema) {
    }

    /** Creates the session's default schema (see {@link #configureDefaultSchema}) when it is missing; under the lock. */
    default void createDefaultSchema(Connection connection, String schema) throws SQLException {
    }

    /**
     * Takes the migration lock for this database and history table, waiting up to {@code timeout}. The lock is held
     * until the returned handle is closed; it must not depend on a transaction staying open.
     *
     * @throws LockTimeoutException naming who holds the lock, when it could not be had in time
     */
    MigrationLock acquireLock(Connection connection, String historyTable, Duration timeout)
            throws SQLException, LockTimeoutException;

    /** Quotes an identifier for this database. */
    String quote(String identifier);

    /** The column types the history table is made of. */
    HistoryColumnTypes historyColumnTypes();

    /**
     * Who and where the session is, as Flyway's built-in placeholders {@code ${flyway:user}},
     * {@code ${flyway:database}} and {@code ${flyway:defaultSchema}} say it: keys {@code user}, {@code database} and
     * {@code defaultschema}, a key left out when the database has no such thing. SQLite answers without asking
     * the database (its connection may be null): its single pooled connection may be the one a run holds.
     */
    java.util.Map<String, String> sessionFacts(Connection connection) throws SQLException;

    boolean tableExists(Connection connection, String table) throws SQLException;

    /** Column names of a table in the current database/schema, lower-cased. */
    Set<String> columnNames(Connection connection, String table) throws SQLException;

    void bindTimestamp(PreparedStatement statement, int index, Instant value) throws SQLException;

    /** Reads a timestamp written by {@link #bindTimestamp} or by an older tool (text forms included); null stays null. */
    Instant readTimestamp(ResultSet rs, String column) throws SQLException;

    /** Run before a migration's statements, outside any transaction (e.g. SQLite switches foreign keys off). */
    default void beforeMigration(Connection connection) throws SQLException {
    }

    /** Run after a migration's statements, before commit: a place to check integrity the statements may have broken. */
    default void verifyBeforeCommit(Connection connection) throws SQLException {
    }

    /**
     * Commits a migration's transaction. When this throws, nothing of the transaction is committed; the connection
     * may still be in it, for the caller to roll back, or already out of it, in which case that rollback fails and
     * the failure can be ignored.
     */
    default void commit(Connection connection) throws SQLException {
        connection.commit();
    }

    /** Back to auto-commit once a transaction was committed or rolled back. */
    default void restoreAutoCommit(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
    }

    /** Run after a migration, committed or not, outside any transaction: undoes {@link #beforeMigration}. */
    default void afterMigration(Connection connection) throws SQLException {
    }

    SchemaIntrospector introspector();

    /**
     * Makes an empty database of the same kind, for rehearsals that must never touch the real one: SQLite a temp
     * file; PostgreSQL and MySQL a new database on the same server (the user needs the right to create one).
     */
    ScratchDatabase createScratch(dev.migratemcp.config.ConnectionSettings settings) throws SQLException;

    /**
     * Drops the scratch databases (and PostgreSQL scratch schemas) that processes now ended left on the server: each
     * is leased by the session that made it for its whole life, and only those whose lease is free and that no
     * session is connected to are dropped (see {@code ScratchLeases}). Never fails: what cannot be looked at or
     * dropped is left for next time. Returns the names dropped; SQLite's are folders in the temp folder, each leased
     * by a file lock (see {@code SqliteScratchFiles}).
     */
    default java.util.List<String> dropAbandonedScratch(Connection connection) {
        return ScratchDatabases.dropAbandoned(connection, kind());
    }

    /**
     * As {@link #dropAbandonedScratch(Connection)}, for the other throwaway databases migrate-mcp makes whose names
     * start with {@code prefix} (MySQL restores' holding databases), except those {@code needed} says are still
     * needed; it is asked only once the lease is found free (on MySQL: while the cleanup holds it), so what it reads
     * is not overtaken by a creator still inside its lease.
     */
    default java.util.List<String> dropAbandoned(Connection connection, String prefix, StillNeeded needed)
            throws SQLException {
        return ScratchLeases.dropAbandoned(connection, kind(), prefix, needed);
    }

    /** Whether a throwaway database whose lease is free is still needed all the same. */
    @FunctionalInterface
    interface StillNeeded {
        boolean test(String name) throws SQLException;
    }

    /**
     * Leases the throwaway database {@code name} to the connection's session until closed (or the session ends),
     * so that {@link #dropAbandoned} leaves it alone; take it before creating the database.
     */
    default AutoCloseable leaseScratch(Connection connection, String name) throws SQLException {
        return ScratchLeases.hold(connection, kind(), name);
    }

    /**
     * The error's SQLSTATE, or where the driver gives none (SQLite) the database's own error code name, so that
     * every failure carries a code a program can branch on.
     */
    default String errorState(SQLException e) {
        return e.getSQLState();
    }

    /**
     * True when the statement commits by itself whatever transaction it is in (MySQL DDL): it cannot commit
     * together with the note of its progress, so its start is noted before it runs, as for the statements a
     * database refuses inside a transaction block. Other statements, outside a migration transaction, each run in
     * one of their own with that note.
     */
    default boolean commitsImplicitly(String sql) {
        return false;
    }

    /**
     * Makes the pool's connections unable to write, where the driver can promise it without changing how the tool
     * reads (SQLite: the file is opened read-only). Others rely on the read-only engine offering no write verb.
     */
    default void configureReadOnly(HikariConfig config) {
    }

    /** The error to report when a read-only connection cannot be opened: this one, or one that says why. */
    default SQLException explainReadOnlyOpenFailure(SQLException e) {
        return e;
    }

    /**
     * True when the error says the database stayed locked by another connection for the whole busy wait (SQLite's
     * SQLITE_BUSY): the lock wait ran out, which is not a failure to connect nor a database error.
     */
    default boolean lockedByAnotherConnection(SQLException e) {
        return false;
    }

    /**
     * Options for the tables the tool keeps (history, snapshots), after the column list: on MySQL their engine, so
     * that they are transactional whatever the server's default engine is ({@code ""} elsewhere).
     */
    default String ownTableOptions() {
        return "";
    }

    /**
     * The storage engines and this schema's tables that have no transactions, where a database has such engines
     * (MySQL/MariaDB); null where every table is transactional.
     */
    default StorageEngines storageEngines(Connection connection) throws SQLException {
        return null;
    }

    /**
     * Who holds the migration lock of this history now, where the lock says (SQLite's lock file names its holder),
     * or null: to name, when the database stays locked, the run that most likely keeps it so.
     */
    default String migrationLockHolder(Connection connection, String historyTable) throws SQLException {
        return null;
    }

    /** True when the error says the disk (or the database's space) is full. */
    default boolean diskFull(SQLException e) {
        return false;
    }

    /** True when an index of this name in the current schema exists but is marked invalid (a failed build). */
    default boolean indexIsInvalid(Connection connection, String index) throws SQLException {
        return false;
    }

    /** True when a procedure or function of this name exists in the current database/schema. */
    default boolean routineExists(Connection connection, String name) throws SQLException {
        return false;
    }

    /** True when the table has a constraint (key, foreign key, check) of this name. */
    default boolean constraintExists(Connection connection, String table, String name) throws SQLException {
        return false;
    }

    /**
     * Whether the column holds text (a CHAR, VARCHAR or TEXT type); false for numbers and for a column without a
     * declared type. Migration versions are text since dotted versions (1.1) are read, so an older table's BIGINT
     * version column is converted with {@link #convertColumnToText}.
     */
    boolean isTextColumn(Connection connection, String table, String column) throws SQLException;

    /**
     * Converts a column to {@code textType} in place, every row and the table's keys kept, each value becoming its
     * decimal text. Runs in the caller's transaction where the database allows DDL in one (PostgreSQL, SQLite: a
     * rebuild); on MySQL it is one ALTER, which commits by itself and is atomic on InnoDB.
     */
    void convertColumnToText(Connection connection, String table, String column, String textType)
            throws SQLException;

    static Dialect of(DatabaseKind kind) {
        return switch (kind) {
            case SQLITE -> new SqliteDialect();
            case POSTGRESQL -> new PostgresDialect();
            case MYSQL -> new MysqlDialect();
        };
    }
}
