package dev.migratemcp.backup;

import dev.migratemcp.config.ConnectionSettings;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.dialect.Dialect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * PostgreSQL with its own tools: {@code pg_dump} in custom format of the connection's schema, owners and grants
 * included. A restore turns the archive into a SQL script ({@code pg_restore -f -}) and streams it to {@code psql}
 * inside one transaction that first drops and re-creates the schema ({@link PostgresReplacement}) and ends with the
 * only COMMIT: an error stops psql ({@code ON_ERROR_STOP}) and rolls everything back, and when this process dies
 * psql's input simply ends before the COMMIT, so the server rolls back too. Used when pg_dump, pg_restore and psql
 * are on the PATH and pg_dump is not older than the server (an older pg_dump refuses a newer server).
 */
final class PgDumpMethod implements BackupMethod {

    private static final Pattern MAJOR = Pattern.compile("(\\d+)(\\.\\d+)?");
    private static final Pattern SCHEMA_ENTRY = Pattern.compile("^\\d+; \\d+ \\d+ SCHEMA - ");

    /** What the dump holds, read in the snapshot it was made from, once {@link #create} has run. */
    private CopyFacts facts;

    static boolean usable(Connection c) throws SQLException {
        if (!ExternalCommand.available("pg_dump") || !ExternalCommand.available("pg_restore")
                || !ExternalCommand.available("psql")) {
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
        ServerAddress a = ServerAddress.of(settings, 5432);
        // pg_dump reads the snapshot this transaction exports, and the facts are read in it too: the manifest then
        // says what the dump holds, whatever was written meanwhile
        PostgresSnapshot.run(c, () -> {
            List<String> cmd = connect("pg_dump", a);
            cmd.addAll(List.of("-Fc", "--snapshot=" + exportSnapshot(c), "-n", PostgresReplacement.currentSchema(c),
                    "-f", target.toString()));
            ExternalCommand.run(cmd, env(a), null, null, settings.redactor());
            facts = CopyFacts.of(c, Dialect.of(DatabaseKind.POSTGRESQL));
        });
    }

    @Override
    public Optional<CopyFacts> facts(Path copy) {
        return Optional.ofNullable(facts);
    }

    private static String exportSnapshot(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
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
    public List<String> refusals(Connection c, BackupManifest m, Path file) throws SQLException {
        List<String> problems = new ArrayList<>(PostgresReplacement.refusals(c, m, true));
        try {
            problems.addAll(PostgresRoles.missing(c, rolesNamed(file)));
        } catch (IOException e) {
            problems.add("cannot read the roles the archive refers to: " + e.getMessage());
        }
        return problems;
    }

    /** The roles the archive names as owners or grantees: its schema written as SQL (no data), read line by line. */
    private static java.util.Set<String> rolesNamed(Path file) throws IOException {
        java.util.Set<String> roles = new java.util.TreeSet<>();
        ExternalCommand.read(List.of("pg_restore", "--schema-only", "-f", "-", file.toString()), Map.of(),
                stdout -> roles.addAll(PostgresRoles.named(new java.io.BufferedReader(new java.io.InputStreamReader(
                        stdout, StandardCharsets.UTF_8)))), dev.migratemcp.config.Redactor.none());
        return roles;
    }

    @Override
    public String notRestorableInSchema(Connection c, BackupManifest m, Path file) throws SQLException {
        return "a pg_dump archive names its schema (" + PostgresReplacement.schemaOf(c, m) + ") in every statement, "
                + "so it restores only under that name, which in this database is the real schema (backups taken with "
                + "--backup-method builtin name no schema)";
    }

    @Override
    public void restoreInto(Connection scratch, ConnectionSettings settings, Path source, BackupManifest m)
            throws IOException, SQLException {
        replay(settings, source, PostgresReplacement.prologue(scratch, m, PostgresReplacement.schemaOf(scratch, m),
                true));
    }

    @Override
    public void replace(Connection c, ConnectionSettings settings, Path source, BackupManifest m, Connection verified)
            throws IOException, SQLException {
        replay(settings, source, PostgresReplacement.prologue(c, m, PostgresReplacement.schemaOf(c, m), false));
    }

    /** Streams BEGIN, the prologue, the archive as SQL (without its CREATE SCHEMA) and COMMIT into psql. */
    private static void replay(ConnectionSettings settings, Path source, List<String> prologue)
            throws IOException {
        ServerAddress a = ServerAddress.of(settings, 5432);
        // the schema is made by the prologue; the dump's own CREATE SCHEMA entry is left out
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
            List<String> psql = connect("psql", a);
            psql.addAll(List.of("--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1", "-d", a.database()));
            ExternalCommand.feed(psql, env(a), stdin -> {
                StringBuilder head = new StringBuilder("BEGIN;\n");
                prologue.forEach(sql -> head.append(sql).append(";\n"));
                stdin.write(head.toString().getBytes(StandardCharsets.UTF_8));
                ExternalCommand.read(List.of("pg_restore", "-f", "-", "-L", list.toString(), source.toString()),
                        Map.of(), stdout -> stdout.transferTo(stdin), settings.redactor());
                stdin.write("COMMIT;\n".getBytes(StandardCharsets.UTF_8));
            }, settings.redactor());
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
}
