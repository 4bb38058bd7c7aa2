package dev.migratemcp.backup;

import dev.migratemcp.config.ConnectionSettings;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.dialect.Dialect;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * PostgreSQL without pg_dump: our logical dump of the connection's schema over JDBC, read in one repeatable-read
 * transaction ({@link PostgresDdl} reads the DDL). In replay order: user-defined types, functions and procedures
 * (bodies unchecked, so a function may read a table made after it), sequences with their options, tables with their
 * keys and checks (partitions attached to their parents), views and empty materialized views, each after what it
 * depends on; then the rows (of leaf tables only, so a partitioned table's row is stored once), indexes, the checks
 * of tables and domains added NOT VALID (enforced on every row loaded, they would refuse rows older than them), foreign
 * keys,
 * sequence ownership and positions, materialized view refreshes, triggers, comments, grants and the objects' owners.
 * The roles it refers to (owners, grantees) are listed first, so a restore can check them before it starts. A schema
 * holding what
 * the dump cannot carry (aggregates, operators, rules, policies, ...) is refused when the backup is taken.
 */
final class BuiltinPostgresDump implements BackupMethod {

    private static final int FETCH = 1000;

    /** What the dump holds, read in the dump's own snapshot, once {@link #create} has run. */
    private CopyFacts facts;

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
                throw new DumpRefusedException("the builtin dump cannot carry " + String.join(", ", unsupported),
                        "Back this schema up with pg_dump: put pg_dump and pg_restore on the PATH and do not choose "
                                + "the builtin method (--backup-method); or pass --backup-before never to go on "
                                + "without a backup.");
            }
            try (LogicalDump.Writer out = new LogicalDump.Writer(target, "postgresql")) {
                out.roles(PostgresRoles.used(c));
                out.sql("SET check_function_bodies = false");
                for (String sql : ddl.definitions()) {
                    out.sql(sql);
                }
                List<PostgresDdl.Table> tables = ddl.tables();
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
                for (List<String> step : List.of(ddl.indexes(), ddl.unvalidatedChecks(), ddl.foreignKeys(), ddl.sequenceStates(),
                        ddl.refreshes(), ddl.triggers(), ddl.comments(), ddl.grants(), ddl.owners())) {
                    for (String sql : step) {
                        out.sql(sql);
                    }
                }
                out.sql("RESET check_function_bodies");
                facts = CopyFacts.of(c, Dialect.of(DatabaseKind.POSTGRESQL));
            }
        });
    }

    @Override
    public Optional<CopyFacts> facts(Path copy) {
        return Optional.ofNullable(facts);
    }

    private static String q(String identifier) {
        return PostgresDdl.q(identifier);
    }

    @Override
    public String readable(Path file) {
        return LogicalDump.readable(file);
    }

    @Override
    public List<String> refusals(Connection c, BackupManifest m, Path file) throws SQLException {
        List<String> problems = new ArrayList<>(PostgresReplacement.refusals(c, m, false));
        try {
            // dumps older than the roles entry name none: their restore finds a missing role at its scratch step
            problems.addAll(PostgresRoles.missing(c, LogicalDump.roles(file).orElse(List.of())));
        } catch (IOException e) {
            problems.add("cannot read the roles the backup refers to: " + e.getMessage());
        }
        return problems;
    }

    @Override
    public void restoreInto(Connection scratch, ConnectionSettings settings, Path source, BackupManifest m)
            throws IOException, SQLException {
        replay(scratch, source, m, true);
    }

    @Override
    public void replace(Connection c, ConnectionSettings settings, Path source, BackupManifest m, Connection verified)
            throws IOException, SQLException {
        replay(c, source, m, false);
    }

    /**
     * The dump names no schema (it replays into the connection's, and its schema-level statements ask
     * current_schema() as they run), so it restores under another name, unless: it holds several schemas; an
     * extension lives in its own schema (a database holds one copy of an extension, so a scratch schema cannot get
     * its own); an extension it uses is not in this database (the check must not install one); or its statements
     * name its schema after all (a function body or a default, say), which from a scratch schema would reach the
     * real one.
     */
    @Override
    public String notRestorableInSchema(Connection c, BackupManifest m, Path file) throws IOException,
            SQLException {
        String schema = PostgresReplacement.schemaOf(c, m);
        List<String> why = new ArrayList<>();
        if (m.snapshot() != null && !m.snapshot().schemas().isEmpty()) {
            why.add("it spans several schemas (" + schema + ", " + String.join(", ", m.snapshot().schemas()) + ")");
        }
        for (BackupManifest.Extension e : m.extensions() == null ? List.<BackupManifest.Extension>of()
                : m.extensions()) {
            if (e.schema().equals(schema)) {
                why.add("extension " + e.name() + " lives in the backup's own schema, and a database holds one copy "
                        + "of an extension, so a scratch schema beside it cannot have its own");
            } else if (CatalogRows.list(c, "SELECT 1 FROM pg_extension WHERE extname = ?", e.name()).isEmpty()) {
                why.add("extension " + e.name() + " is not installed in this database, and checking a backup must "
                        + "not install it");
            }
        }
        java.util.regex.Pattern naming = java.util.regex.Pattern.compile("(?<![\\w$\"])" + java.util.regex.Pattern
                .quote(schema) + "\\.|" + java.util.regex.Pattern.quote(q(schema) + "."));
        boolean[] named = {false};
        LogicalDump.forEachStatement(file, sql -> named[0] |= naming.matcher(sql).find());
        if (named[0]) {
            why.add("its statements name schema " + schema + " itself (in a function body or a default, say), which "
                    + "from a scratch schema would reach the real one");
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }

    @Override
    public void restoreIntoSchema(Connection scratch, Path source, BackupManifest m) throws IOException,
            SQLException {
        replay(scratch, source, null, false);
    }

    /**
     * Empties the schema (drop and make it again, see {@link PostgresReplacement}), then replays the dump; all in one
     * transaction. Without a manifest, into the connection's schema as it is (a scratch schema, new and empty).
     */
    private static void replay(Connection c, Path source, BackupManifest m, boolean scratch)
            throws IOException, SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            // names in the dump are unqualified: it replays into the connection's schema, whatever its name; on a
            // scratch database, into one named as the backup's
            String schema = scratch ? PostgresReplacement.schemaOf(c, m) : PostgresReplacement.currentSchema(c);
            try (Statement s = c.createStatement()) {
                for (String sql : m == null ? List.<String>of() : PostgresReplacement.prologue(c, m, schema,
                        scratch)) {
                    s.execute(sql);
                }
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
