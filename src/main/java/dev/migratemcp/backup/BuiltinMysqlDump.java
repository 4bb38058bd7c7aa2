package dev.migratemcp.backup;

import dev.migratemcp.config.ConnectionSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * MySQL/MariaDB without the dump tools: our logical dump over JDBC. Tables come from {@code SHOW CREATE TABLE}
 * (columns, keys, indexes and foreign keys exactly as the server has them) and are loaded with foreign key checks
 * off; views from {@code SHOW CREATE VIEW} after the data. Reads run in one consistent-snapshot transaction.
 */
final class BuiltinMysqlDump implements BackupMethod {

    /** Rows per table as written, in the dump's consistent snapshot, once {@link #create} has run. */
    private Map<String, Long> written = Map.of();

    @Override
    public String id() {
        return "builtin_logical_mysql";
    }

    @Override
    public String extension() {
        return ".jsonl.gz";
    }

    @Override
    public void create(Connection c, ConnectionSettings settings, Path target, BiConsumer<Long, Long> progress)
            throws IOException, SQLException {
        List<String> tables = new ArrayList<>();
        List<String> views = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT TABLE_NAME, TABLE_TYPE FROM "
                + "information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                (rs.getString(2).equals("VIEW") ? views : tables).add(rs.getString(1));
            }
        }
        boolean autoCommit = c.getAutoCommit();
        try (LogicalDump.Writer out = new LogicalDump.Writer(target, "mysql")) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            }
            out.sql("SET FOREIGN_KEY_CHECKS = 0");
            for (String table : tables) {
                out.sql(showCreate(c, "TABLE", table));
            }
            long done = 0;
            for (String table : tables) {
                // streaming result: the driver hands over rows one at a time instead of loading the table
                try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                    s.setFetchSize(Integer.MIN_VALUE);
                    try (ResultSet rs = s.executeQuery("SELECT * FROM " + quote(table))) {
                        out.rows(table, rs);
                    }
                }
                progress.accept(++done, (long) tables.size() + 1);
            }
            out.sql("SET FOREIGN_KEY_CHECKS = 1");
            for (String view : views) {
                out.sql(showCreate(c, "VIEW", view));
            }
            written = out.rowsWritten();
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("COMMIT");
            }
            c.setAutoCommit(autoCommit);
        }
    }

    @Override
    public Optional<Map<String, Long>> rowCounts(Path copy, Collection<String> tables) {
        return Optional.of(written);
    }

    private static String showCreate(Connection c, String kind, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE " + kind + " "
                + quote(name))) {
            rs.next();
            return rs.getString(2);
        }
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    @Override
    public String readable(Path file) {
        return LogicalDump.readable(file);
    }

    @Override
    public void restore(Connection c, ConnectionSettings settings, Path source) throws IOException, SQLException {
        MysqlDumpMethod.emptyDatabase(c);
        try {
            LogicalDump.restore(source, c, BuiltinMysqlDump::quote, (ps, i, v) -> ps.setString(i, v), "");
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("SET FOREIGN_KEY_CHECKS = 1");
            }
        }
    }
}
