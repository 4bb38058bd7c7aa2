package dev.migratemcp.backup;

import dev.migratemcp.config.ConnectionSettings;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.function.BiConsumer;

/**
 * MySQL and MariaDB with their own tools: {@code mariadb-dump} or {@code mysqldump} with
 * {@code --single-transaction} (a consistent snapshot without locking InnoDB tables), restored with the command-line
 * client into a staging database that is then swapped in ({@link MysqlSwap}). The tool's snapshot cannot be shared,
 * so what the dump holds is read from it restored into a scratch database right after it is made.
 */
final class MysqlDumpMethod implements BackupMethod {

    static boolean usable() {
        return dumpTool() != null && clientTool() != null;
    }

    /**
     * The character sets the server converts to utf8mb4 and back unchanged (latin1's and ascii's every byte checked);
     * not cp932, whose NEC and IBM duplicates come back as other bytes, nor ujis, whose JIS X 0212 tilde comes back
     * as '~'.
     */
    private static final List<String> LOSSLESS_CHARSETS = List.of("ascii", "latin1", "utf8", "utf8mb3", "utf8mb4");

    /**
     * Whether the tool's dump of this database holds every value exactly: mysqldump and mariadb-dump write FLOAT
     * values with 6 significant digits and no flag changes that, and write text as utf8mb4, which changes the bytes
     * of some characters of other character sets; a database with a FLOAT column or text in a character set not in
     * {@link #LOSSLESS_CHARSETS} is dumped by the builtin method instead.
     */
    static boolean dumpsExactly(Connection c) throws SQLException {
        String lossless = String.join(", ", LOSSLESS_CHARSETS.stream().map(cs -> "'" + cs + "'").toList());
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM "
                + "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND (DATA_TYPE = 'float' OR "
                + "CHARACTER_SET_NAME NOT IN (" + lossless + "))")) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }

    private static String dumpTool() {
        return ExternalCommand.available("mariadb-dump") ? "mariadb-dump"
                : ExternalCommand.available("mysqldump") ? "mysqldump" : null;
    }

    private static String clientTool() {
        return ExternalCommand.available("mariadb") ? "mariadb" : ExternalCommand.available("mysql") ? "mysql" : null;
    }

    @Override
    public String id() {
        return "mysqldump";
    }

    @Override
    public String extension() {
        return ".sql";
    }

    @Override
    public void create(Connection c, ConnectionSettings settings, Path target,
                       BiConsumer<Long, Long> progress) throws IOException {
        ServerAddress a = ServerAddress.of(settings, 3306);
        List<String> cmd = connect(dumpTool(), a);
        // --hex-blob writes binary values as hex literals, so the file is text a client reads back byte for byte
        cmd.addAll(List.of("--single-transaction", "--routines", "--triggers", "--events", "--no-tablespaces",
                "--skip-add-locks", "--hex-blob", "--default-character-set=utf8mb4", "--result-file=" + target,
                a.database()));
        ExternalCommand.run(cmd, env(a), null, null, settings.redactor());
    }

    /**
     * A dump is a dump when the tool's header comes first (newer MariaDB tools put a sandbox-mode line before it) and
     * whole when it ends with the tool's closing line; a cut-off one does not.
     */
    @Override
    public String readable(Path file) throws IOException {
        boolean header = false;
        int seen = 0;
        String last = null;
        // read as Latin-1: every byte is a character, so nothing in the data can make the check itself fail
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (seen++ < 3 && (line.startsWith("-- MySQL dump") || line.startsWith("-- MariaDB dump"))) {
                    header = true;
                }
                last = line;
            }
        }
        if (!header) {
            return "not a mysqldump file";
        }
        return last.startsWith("-- Dump completed") ? null : "the dump is cut off (no closing line)";
    }

    @Override
    public List<String> refusals(Connection c, BackupManifest m, Path file) throws SQLException {
        return MysqlSwap.refusals(c, m, file);
    }

    @Override
    public void restoreInto(Connection scratch, ConnectionSettings settings, Path source, BackupManifest m)
            throws IOException {
        ServerAddress a = ServerAddress.of(settings, 3306);
        List<String> cmd = connect(clientTool(), a);
        cmd.addAll(List.of("--default-character-set=utf8mb4", a.database()));
        ExternalCommand.feed(cmd, env(a), stdin -> loadWithInvalidDatesAllowed(source, stdin), settings.redactor());
    }

    /** How the tool's header sets the session's sql_mode for the load. */
    static final String DUMP_SQL_MODE = "SQL_MODE='NO_AUTO_VALUE_ON_ZERO'";
    /** What the load runs with instead. */
    static final String LOAD_SQL_MODE = "SQL_MODE='NO_AUTO_VALUE_ON_ZERO,ALLOW_INVALID_DATES'";
    /** The header is the first few dozen lines; a line further down is data and is never rewritten. */
    private static final int HEADER_LINES = 64;

    /**
     * Hands the dump to the client with one change: the header's sql_mode also allows invalid dates. A date stored
     * under ALLOW_INVALID_DATES ('2020-02-31') is written by the tool as it is, and the header's mode alone would
     * load it as a zero date without a word, while the manifest, read from that load, would agree. The builtin
     * dump's replay allows them for the same reason.
     */
    static void loadWithInvalidDatesAllowed(Path dump, OutputStream client) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(dump), 1 << 16)) {
            for (int i = 0; i < HEADER_LINES; i++) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int c;
                while ((c = in.read()) >= 0) {
                    line.write(c);
                    if (c == '\n') {
                        break;
                    }
                }
                // Latin-1 maps every byte to one character and back, so the line's bytes are kept exactly
                String text = line.toString(StandardCharsets.ISO_8859_1);
                boolean modeLine = text.startsWith("/*!40101 SET @OLD_SQL_MODE") && text.contains(DUMP_SQL_MODE);
                client.write((modeLine ? text.replace(DUMP_SQL_MODE, LOAD_SQL_MODE) : text)
                        .getBytes(StandardCharsets.ISO_8859_1));
                if (modeLine || c < 0) {
                    break;
                }
            }
            in.transferTo(client);
        }
    }

    @Override
    public void replace(Connection c, ConnectionSettings settings, Path source, BackupManifest m, Connection verified)
            throws SQLException {
        MysqlSwap.replace(c, verified);
    }

    private static List<String> connect(String program, ServerAddress a) {
        List<String> cmd = new ArrayList<>(List.of(program, "--protocol=TCP", "-h", a.host(), "-P",
                String.valueOf(a.port())));
        if (a.user() != null) {
            cmd.add("-u" + a.user());
        }
        return cmd;
    }

    private static Map<String, String> env(ServerAddress a) {
        return a.password() == null || a.password().isEmpty() ? Map.of() : Map.of("MYSQL_PWD", a.password());
    }
}
