package dev.migratemcp.backup;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One read-only, repeatable-read transaction on PostgreSQL: every query in it sees the database as it was when the
 * first one ran, so a dump and its row counts describe the same moment. Nothing is kept: it ends in a rollback.
 */
final class PostgresSnapshot {

    /** Work done inside the snapshot. */
    @FunctionalInterface
    interface Work {
        void run() throws IOException, SQLException;
    }

    private PostgresSnapshot() {
    }

    static void run(Connection c, Work work) throws IOException, SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            work.run();
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }
}
