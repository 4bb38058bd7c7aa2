import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The floor migrate-mcp is measured against: the same migration files applied over plain JDBC, one transaction per
 * migration holding its statements and a history insert, and nothing else (no pool, no lock, no validation, a naive
 * split that is enough for the generated files).
 *
 * Usage: java -cp migrate-mcp.jar:classes Floor JDBC_URL MIGRATIONS_DIR
 */
public final class Floor {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(args[1]))) {
            files = list.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        String timestampType = url.startsWith("jdbc:postgresql") ? "TIMESTAMPTZ"
                : url.startsWith("jdbc:mysql") ? "DATETIME(3)" : "TEXT";
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version BIGINT NOT NULL PRIMARY KEY, description TEXT, "
                    + "checksum VARCHAR(64), state VARCHAR(16), applied_at " + timestampType + ", execution_ms BIGINT)");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                String checksum = HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
                String name = file.getFileName().toString();
                long version = Long.parseLong(name.substring(0, name.indexOf('_')));
                int up = text.indexOf("-- migrate:up") + "-- migrate:up".length();
                int down = text.indexOf("-- migrate:down");
                String body = text.substring(up, down < 0 ? text.length() : down);
                long started = System.nanoTime();
                c.setAutoCommit(false);
                for (String sql : body.split(";\n")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version (version, description, "
                        + "checksum, state, applied_at, execution_ms) VALUES (?, ?, ?, 'applied', ?, ?)")) {
                    ps.setLong(1, version);
                    ps.setString(2, name);
                    ps.setString(3, checksum);
                    if (timestampType.equals("TEXT")) {
                        ps.setString(4, Instant.now().toString());
                    } else {
                        ps.setTimestamp(4, Timestamp.from(Instant.now()));
                    }
                    ps.setLong(5, (System.nanoTime() - started) / 1_000_000);
                    ps.executeUpdate();
                }
                c.commit();
                c.setAutoCommit(true);
            }
        }
    }
}
