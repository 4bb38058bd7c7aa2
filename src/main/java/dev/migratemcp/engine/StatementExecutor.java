package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.migration.BatchSpec;
import dev.migratemcp.migration.MigrationStatement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs one statement of a migration, window by window when it is batched. */
final class StatementExecutor {

    /**
     * What wraps each window of a batched statement. Inside a migration's transaction nothing does; outside one,
     * each window is a transaction of its own that commits together with the history's note of how far it got.
     */
    interface Windows {
        Windows NONE = new Windows() {
        };

        default void begin(Connection c) throws SQLException {
        }

        /** The window below {@code nextKey} ran: make it and the record of it durable, together. */
        default void end(Connection c, long nextKey) throws SQLException {
        }

        /** The window failed: undo what of it ran. */
        default void abort(Connection c) throws SQLException {
        }
    }

    private final ProgressListener listener;

    StatementExecutor(ProgressListener listener) {
        this.listener = listener;
    }

    /** Runs the statement; a failure is reported with its 1-based index and, for batches, the failing window. */
    void run(Connection c, Version version, int index, MigrationStatement statement) throws StatementFailure {
        run(c, version, index, statement, null, Windows.NONE);
    }

    /**
     * As {@link #run(Connection, long, int, MigrationStatement)}; a batched statement starts at {@code resumeFrom}
     * when it is set (the windows below it ran before) and wraps each window in {@code windows}.
     */
    void run(Connection c, Version version, int index, MigrationStatement statement, Long resumeFrom, Windows windows)
            throws StatementFailure {
        stopIfCancelled(index, statement, null);
        if (!statement.batched()) {
            try (Statement s = c.createStatement()) {
                s.execute(statement.sql());
            } catch (SQLException e) {
                throw new StatementFailure(index, statement.line(), e, null);
            }
            return;
        }
        runBatched(c, version, index, statement, resumeFrom, windows);
    }

    /**
     * Reads the key range once, then walks it in windows of {@code size}. Each window is an index range scan, so a
     * billion-row table costs the same per batch at the end as at the start.
     */
    private void runBatched(Connection c, Version version, int index, MigrationStatement statement, Long resumeFrom,
                            Windows windows) throws StatementFailure {
        BatchSpec batch = statement.batch();
        long min;
        long max;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MIN(" + batch.keyColumn() + "), MAX(" + batch.keyColumn()
                     + ") FROM " + batch.table())) {
            rs.next();
            min = rs.getLong(1);
            if (rs.wasNull()) {
                return; // empty table: nothing to do
            }
            max = rs.getLong(2);
        } catch (SQLException e) {
            throw new StatementFailure(index, statement.line(), e, "reading the key range of " + batch.table());
        }
        long start = resumeFrom == null ? min : Math.max(min, resumeFrom);
        long total = (max - min) / batch.size() + 1;
        long number = (start - min) / batch.size();
        for (long from = start; from <= max; ) {
            long to = from > Long.MAX_VALUE - batch.size() ? Long.MAX_VALUE : from + batch.size();
            if (from > start) {
                stopIfCancelled(index, statement, "[" + from + ", " + to + ")");
            }
            number++;
            String sql = batch.bind(statement.sql(), from, to);
            try {
                windows.begin(c);
                long rows;
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                    rows = Math.max(0, s.getUpdateCount());
                }
                windows.end(c, to);
                listener.batchDone(version, index, number, total, rows);
            } catch (SQLException e) {
                try {
                    windows.abort(c);
                } catch (SQLException abortFailed) {
                    e.addSuppressed(abortFailed);
                }
                throw new StatementFailure(index, statement.line(), e, "[" + from + ", " + to + ")");
            }
            if (to == Long.MAX_VALUE) {
                break;
            }
            from = to;
        }
    }

    /** A cancelled call stops before the next statement or window, failing there as an interrupted run would. */
    private void stopIfCancelled(int index, MigrationStatement statement, String window) throws StatementFailure {
        if (listener.cancelled()) {
            // 57014: the SQL state PostgreSQL reports for a cancelled statement
            throw new StatementFailure(index, statement.line(),
                    new SQLException("cancelled by the client before this statement" + (window == null ? ""
                            : "'s batch " + window) + " ran", "57014"), window);
        }
    }
}
