package dev.migratemcp.backup;

import dev.migratemcp.config.ConnectionSettings;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.dialect.Dialect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Collection;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL with its own tools: {@code pg_dump} in custom format of the connection's schema, restored with
 * {@code pg_restore} into a schema emptied first, in one transaction. Used when pg_dump is on the PATH and not older
 * than the server (an older pg_dump refuses a newer server).
 */
final class PgDumpMethod implements BackupMethod {

    private static final Pattern MAJOR = Pattern.compile("(\\d+)(\\.\\d+)?");
    private static final Pattern SCHEMA_ENTRY = Pattern.compile("^\\d+; \\d+ \\d+ SCHEMA - ");

    /** Rows per table in the snapshot the dump was made from, once {@link #create} has run. */
    private Map<String, Long> counted = Map.of();

    static boolean usable(Connection c) throws SQLException {
        if (!ExternalCommand.available("pg_dump") || !ExternalCommand.available("pg_restore")) {
            return false;
        }
        String version = ExternalCommand.version("pg_dump");
        if (version == null) {
            return false;
        }
        Matcher m = MAJOR.matcher(version.replaceAll("^\\D+", ""));
        if (!m.find()) {
            return false;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(m.group(1)) >= rs.getInt(1) / 10000;
        }
    }

    @Override
    public String id() {
        return "pg_dump_custom";
    }

    @Override
    public String extension() {
        return ".pgdump";
    }

    @Override
    public void create(Connection c, ConnectionSettings settings, Path target,
                       BiConsumer<Long, Long> progress) throws IOException, SQLException {
        progress.accept(0L, 1L); // the dump tool tells nothing until it is done
        ServerAddress a = ServerAddress.of(settings, 5432);
        // pg_dump reads the snapshot this transaction exports, and the rows are counted in it too: the manifest then
        // says what the dump holds, whatever was written meanwhile
        PostgresSnapshot.run(c, () -> {
            List<String> cmd = connect("pg_dump", a);
            cmd.addAll(List.of("-Fc", "--no-owner", "--no-privileges", "--snapshot=" + exportSnapshot(c), "-n",
                    schema(c), "-f", target.toString()));
            ExternalCommand.run(cmd, env(a), null, null, settings.redactor());
            counted = countTables(c);
        });
    }

    /** Counted in the snapshot pg_dump read. */
    @Override
    public Optional<Map<String, Long>> rowCounts(Path copy, Collection<String> tables) {
        return Optional.of(counted);
    }

    private static String exportSnapshot(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Map<String, Long> countTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') "
                + "AND n.nspname = current_schema()")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return RowCounts.count(c, tables, Dialect.of(DatabaseKind.POSTGRESQL)::quote);
    }

    @Override
    public String readable(Path file) throws IOException {
        try {
            ExternalCommand.run(List.of("pg_restore", "--list", file.toString()), Map.of(), null, null,
                    dev.migratemcp.config.Redactor.none());
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Override
    public void restore(Connection c, ConnectionSettings settings, Path source) throws IOException, SQLException {
        ServerAddress a = ServerAddress.of(settings, 5432);
        String schema = schema(c);
        // the schema is emptied by dropping and making it again; the dump's own CREATE SCHEMA entry is left out
        Path list = Files.createTempFile("migrate-mcp-restore", ".list");
        try {
            ExternalCommand.run(List.of("pg_restore", "--list", source.toString()), Map.of(), null, list,
                    settings.redactor());
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(list)) {
                if (!SCHEMA_ENTRY.matcher(line).find()) {
                    kept.add(line);
                }
            }
            Files.write(list, kept);
            try (Statement s = c.createStatement()) {
                String quoted = "\"" + schema.replace("\"", "\"\"") + "\"";
                s.execute("DROP SCHEMA IF EXISTS " + quoted + " CASCADE");
                s.execute("CREATE SCHEMA " + quoted);
            }
            List<String> cmd = connect("pg_restore", a);
            cmd.addAll(List.of("--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "-L",
                    list.toString(), "-d", a.database(), source.toString()));
            ExternalCommand.run(cmd, env(a), null, null, settings.redactor());
        } finally {
            Files.deleteIfExists(list);
        }
    }

    private static List<String> connect(String program, ServerAddress a) {
        List<String> cmd = new ArrayList<>(List.of(program, "-h", a.host(), "-p", String.valueOf(a.port())));
        if (a.user() != null) {
            cmd.addAll(List.of("-U", a.user()));
        }
        if (program.equals("pg_dump")) {
            cmd.addAll(List.of("-d", a.database()));
        }
        return cmd;
    }

    private static Map<String, String> env(ServerAddress a) {
        return a.password() == null ? Map.of() : Map.of("PGPASSWORD", a.password());
    }

    private static String schema(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
