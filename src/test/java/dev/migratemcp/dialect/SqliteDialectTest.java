package dev.migratemcp.dialect;

import dev.migratemcp.config.DatabaseUrls;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteDialectTest extends DialectConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.SQLITE;
    }

    @Test
    void aCommitThatMeetsAReaderRollsBackAndLeavesNoLockBehind() throws Exception {
        try (Database shortWait = Database.open(DatabaseUrls.parse(db.jdbcUrl(), null, null), Duration.ofMillis(200));
             Connection writer = shortWait.connection();
             Connection reader = DriverManager.getConnection(db.jdbcUrl())) {
            execute(writer, "CREATE TABLE t (id INTEGER)");
            execute(writer, "INSERT INTO t VALUES (1)");
            reader.setAutoCommit(false);
            assertEquals(1, count(reader), "the reader now holds its read lock until it ends its transaction");

            writer.setAutoCommit(false);
            execute(writer, "INSERT INTO t VALUES (2)");
            assertThrows(SQLException.class, () -> shortWait.dialect().commit(writer));
            writer.setAutoCommit(true);
            assertEquals(1, count(writer), "the failed commit's insert was rolled back");
            reader.rollback();
            try (Connection other = DriverManager.getConnection(db.jdbcUrl() + "?busy_timeout=200")) {
                execute(other, "CREATE TABLE after_the_failure (id INTEGER)"); // the writer kept no lock
            }

            writer.setAutoCommit(false);
            execute(writer, "INSERT INTO t VALUES (3)");
            shortWait.dialect().commit(writer);
            assertTrue(writer.getAutoCommit(), "committed and back in auto-commit");
            assertEquals(2, count(reader));
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
