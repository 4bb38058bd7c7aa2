package dev.migratemcp.backup;

import dev.migratemcp.config.ConnectionSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Collection;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * PostgreSQL without pg_dump: our logical dump of the connection's schema over JDBC, read in one repeatable-read
 * transaction ({@link PostgresDdl} reads the DDL). In replay order: user-defined types, functions and procedures
 * (bodies unchecked, so a function may read a table made after it), sequences with their options, tables with their
 * keys and checks (partitions attached to their parents), views and empty materialized views, each after what it
 * depends on; then the rows (of leaf tables only, so a partitioned table's row is stored once), indexes, foreign keys,
 * sequence ownership and positions, materialized view refreshes, triggers, comments and grants. A schema holding what
 * the dump cannot carry (aggregates, operators, rules, policies, ...) is refused when the backup is taken.
 */
final class BuiltinPostgresDump implements BackupMethod {

    private static final int FETCH = 1000;

    /** Rows per table as written, in the dump's snapshot, once {@link #create} has run. */
    private Map<String, Long> written = Map.of();

    @Override
    public String id() {
        return "builtin_logical_postgresql";
    }

    @Override
    public String extension() {
        return ".jsonl.gz";
    }

    @Override
    public void create(Connection c, ConnectionSettings settings, Path target, BiConsumer<Long, Long> progress)
            throws IOException, SQLException {
        // a cursor (fetch size) needs a transaction, and the snapshot must hold throughout
        PostgresSnapshot.run(c, () -> {
            PostgresDdl ddl = new PostgresDdl(c);
            List<String> unsupported = ddl.unsupported();
            if (!unsupported.isEmpty()) {
                throw new SQLException("the builtin dump cannot carry " + String.join(", ", unsupported)
                        + "; back this schema up with pg_dump (put pg_dump and pg_restore on the PATH)");
            }
            try (LogicalDump.Writer out = new LogicalDump.Writer(target, "postgresql")) {
                out.sql("SET check_function_bodies = false");
                for (String sql : ddl.definitions()) {
                    out.sql(sql);
                }
                List<PostgresDdl.Table> tables = ddl.tables();
                Map<String, Long> counts = new LinkedHashMap<>();
                long done = 0;
                for (PostgresDdl.Table t : tables) {
                    if (!t.partitioned()) {
                        List<LogicalDump.Column> columns = ddl.dataColumns(t.oid());
                        try (Statement s = c.createStatement()) {
                            s.setFetchSize(FETCH);
                            String list = String.join(", ", columns.stream().map(col -> q(col.name())).toList());
                            // ONLY: an inheriting table's rows are its own, dumped with it
                            try (ResultSet rs = s.executeQuery("SELECT " + list + " FROM ONLY " + q(t.name()))) {
                                out.rows(t.name(), columns, rs);
                            }
                        }
                    }
                    progress.accept(++done, (long) tables.size() + 1);
                }
                for (List<String> step : List.of(ddl.indexes(), ddl.foreignKeys(), ddl.sequenceStates(),
                        ddl.refreshes(), ddl.triggers(), ddl.comments(), ddl.grants())) {
                    for (String sql : step) {
                        out.sql(sql);
                    }
                }
                out.sql("RESET check_function_bodies");
                counts.putAll(out.rowsWritten());
                // a table with partitions or children holds their rows too, as a count of it says
                for (PostgresDdl.Table t : tables) {
                    if (t.hasChildren()) {
                        counts.put(t.name(), Long.parseLong(CatalogRows.scalar(c, "SELECT count(*) FROM "
                                + q(t.name()))));
                    }
                }
                written = counts;
            }
        });
    }

    @Override
    public Optional<Map<String, Long>> rowCounts(Path copy, Collection<String> tables) {
        return Optional.of(written);
    }

    private static String q(String identifier) {
        return PostgresDdl.q(identifier);
    }

    @Override
    public String readable(Path file) {
        return LogicalDump.readable(file);
    }

    /** Empties the schema (drop and make it again), then replays the dump; all in one transaction. */
    @Override
    public void restore(Connection c, ConnectionSettings settings, Path source) throws IOException, SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            String schema = CatalogRows.scalar(c, "SELECT current_schema()");
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + q(schema) + " CASCADE");
                s.execute("CREATE SCHEMA " + q(schema));
                s.execute("SET LOCAL search_path TO " + q(schema));
            }
            // text goes in untyped: the server reads each value as the column's own type, exactly as it wrote it
            LogicalDump.restore(source, c, BuiltinPostgresDump::q, (ps, i, v) -> ps.setObject(i, v, Types.OTHER),
                    "OVERRIDING SYSTEM VALUE ");
            c.commit();
        } catch (IOException | SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
