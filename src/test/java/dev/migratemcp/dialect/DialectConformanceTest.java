package dev.migratemcp.dialect;

import dev.migratemcp.config.DatabaseUrls;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One suite for every dialect, run against each real database by a subclass: whatever the engine relies on a
 * dialect for is proved here, the same way for all of them.
 */
abstract class DialectConformanceTest {

    TestDatabase db;
    Database database;

    abstract DatabaseKind kind();

    @BeforeEach
    void open() {
        db = TestDatabase.create(kind());
        database = open(db.jdbcUrl());
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static Database open(String url) {
        return Database.open(DatabaseUrls.parse(url, null, null), Duration.ofSeconds(5));
    }

    Dialect dialect() {
        return database.dialect();
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Scratch databases that processes now gone left on the server (SQLite: in the temp folder) are dropped by the
     * cleanup; those of live processes stay (see {@link ScratchLeftovers}).
     */
    @Test
    void theScratchOfAKilledProcessGoesAndALiveOnesStays() throws Exception {
        ScratchLeftovers.theScratchOfAKilledProcessGoesAndALiveOnesStays(db, "database");
    }

    /**
     * A numeric column becomes text in place: every row and value kept (as its decimal text), the primary key, the
     * NOT NULL and the default of the other columns still there. Where DDL is transactional, a rollback undoes it.
     */
    @Test
    void aNumericColumnIsConvertedToTextInPlace() throws Exception {
        HistoryColumnTypes t = dialect().historyColumnTypes();
        try (Connection c = database.connection()) {
            execute(c, "CREATE TABLE conv (version " + t.bigint() + " NOT NULL PRIMARY KEY, state " + t.shortText()
                    + " NOT NULL DEFAULT 'applied', note " + t.longText() + ")");
            execute(c, "INSERT INTO conv (version, note) VALUES (1, 'one'), (10, NULL), (9007199254740991, 'max')");
            assertFalse(dialect().isTextColumn(c, "conv", "version"));
            assertTrue(dialect().isTextColumn(c, "conv", "state"));
            if (dialect().transactionalDdl()) {
                c.setAutoCommit(false);
                dialect().convertColumnToText(c, "conv", "version", t.version());
                c.rollback();
                c.setAutoCommit(true);
                assertFalse(dialect().isTextColumn(c, "conv", "version"), "rolled back with the transaction");
            }
            dialect().convertColumnToText(c, "conv", "version", t.version());
            assertTrue(dialect().isTextColumn(c, "conv", "version"));
            execute(c, "INSERT INTO conv (version) VALUES ('1.1')");
            StringBuilder rows = new StringBuilder();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT version, state, note FROM conv ORDER BY note, version")) {
                while (rs.next()) {
                    rows.append(rs.getString(1)).append('/').append(rs.getString(2)).append('/')
                            .append(rs.getString(3)).append(' ');
                }
            }
            for (String row : new String[]{"1/applied/one", "10/applied/null", "9007199254740991/applied/max",
                    "1.1/applied/null"}) {
                assertTrue(rows.toString().contains(row + " "), rows.toString());
            }
            assertThrows(SQLException.class, () -> execute(c, "INSERT INTO conv (version) VALUES ('10')"),
                    "the primary key is kept");
            assertThrows(SQLException.class, () -> execute(c, "INSERT INTO conv (version, state) VALUES ('2', NULL)"),
                    "NOT NULL is kept");
        }
    }

    @Test
    void transactionalDdlTellsTheTruth() throws Exception {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            execute(c, "CREATE TABLE ddl_probe (id INTEGER)");
            c.rollback();
            c.setAutoCommit(true);
            assertEquals(!dialect().transactionalDdl(), dialect().tableExists(c, "ddl_probe"));
        }
    }

    @Test
    void seesTablesAndColumnsOfItsOwnDatabaseOnly() throws Exception {
        try (Connection c = database.connection()) {
            assertFalse(dialect().tableExists(c, "probe_table"));
            execute(c, "CREATE TABLE probe_table (id INTEGER, Mixed_Case VARCHAR(10))");
            assertTrue(dialect().tableExists(c, "probe_table"));
            assertTrue(dialect().tableExists(c, "PROBE_TABLE"));
            assertEquals(Set.of("id", "mixed_case"), dialect().columnNames(c, "probe_table"));
        }
        try (TestDatabase other = TestDatabase.create(kind()); Database otherDb = open(other.jdbcUrl());
             Connection c = otherDb.connection()) {
            assertFalse(otherDb.dialect().tableExists(c, "probe_table"), "another schema/database is not ours");
        }
    }

    @Test
    void timestampsRoundTripAsInstants() throws Exception {
        Instant t = Instant.parse("2026-11-25T10:15:30.123Z");
        try (Connection c = database.connection()) {
            execute(c, "CREATE TABLE ts_probe (at_col " + dialect().historyColumnTypes().timestamp() + ")");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ts_probe (at_col) VALUES (?)")) {
                dialect().bindTimestamp(ps, 1, t);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT at_col FROM ts_probe")) {
                rs.next();
                assertEquals(t, dialect().readTimestamp(rs, "at_col").truncatedTo(ChronoUnit.MILLIS));
            }
        }
    }

    @Test
    void everyErrorHasAState() throws Exception {
        try (Connection c = database.connection()) {
            SQLException e = assertThrows(SQLException.class, () -> execute(c, "SELEC 1"));
            assertNotNull(dialect().errorState(e));
        }
    }

    @Test
    void lockIsExclusiveNamesItsHolderAndIsReleased() throws Exception {
        try (Database second = open(db.jdbcUrl());
             Connection a = database.connection();
             Connection b = second.connection()) {
            MigrationLock held = dialect().acquireLock(a, "schema_version", Duration.ofSeconds(2));
            long started = System.nanoTime();
            LockTimeoutException e = assertThrows(LockTimeoutException.class,
                    () -> second.dialect().acquireLock(b, "schema_version", Duration.ofMillis(300)));
            assertTrue(System.nanoTime() - started >= 250_000_000L, "it waited for the timeout");
            assertFalse(e.holder().isBlank());
            // another history table is another lock
            second.dialect().acquireLock(b, "other_history", Duration.ofMillis(300)).close();
            held.close();
            second.dialect().acquireLock(b, "schema_version", Duration.ofSeconds(2)).close();
        }
    }

    @Test
    void lockOfAKilledProcessIsReleased() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), db.jdbcUrl()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line;
            while ((line = out.readLine()) != null && !line.equals("LOCKED")) {
                // skip anything the child logs first
            }
            assertEquals("LOCKED", line, "the child took the lock");
            try (Connection c = database.connection()) {
                LockTimeoutException e = assertThrows(LockTimeoutException.class,
                        () -> dialect().acquireLock(c, "schema_version", Duration.ofMillis(200)));
                assertFalse(e.holder().isBlank());
                child.destroyForcibly().waitFor();
                dialect().acquireLock(c, "schema_version", Duration.ofSeconds(10)).close();
            }
        } finally {
            child.destroyForcibly();
        }
    }
}
