package dev.migratemcp.backup;

import dev.migratemcp.config.DatabaseUrls;
import dev.migratemcp.dialect.Database;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static dev.migratemcp.testing.Versions.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The manifest says what was hashed and how (issue 9): a reader who follows its {@code content_hash} sentence alone
 * gets the hash the manifest records, and the same rows in another order give the same hash.
 */
class ContentHashTest {

    @TempDir
    Path backups;

    @Test
    void theRecordedHashIsTheOneTheManifestDescribes() throws Exception {
        String expected = byTheDescription(List.of(new byte[][]{text("1"), text("ana"), {0, (byte) 0xff}},
                new byte[][]{text("2"), null, null}, new byte[][]{text("3"), text(""), {}}));
        for (String order : List.of("(1, 'ana', x'00ff'), (2, NULL, NULL), (3, '', x'')",
                "(3, '', x''), (2, NULL, NULL), (1, 'ana', x'00ff')")) {
            try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
                 Database database = Database.open(DatabaseUrls.parse(db.jdbcUrl(), null, null),
                         Duration.ofSeconds(5)); Connection c = database.connection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE h (id INTEGER PRIMARY KEY, name TEXT, bytes BLOB)");
                    s.execute("INSERT INTO h VALUES " + order);
                }
                BackupManifest m = new BackupService(database, backups, false).create(c, null, v(1), (d, t) -> { });
                assertEquals(ContentHash.DESCRIPTION, m.contentHash());
                assertEquals(expected, m.contentHashes().get("h"), order);
            }
        }
    }

    /** The manifest's sentence, followed word by word. */
    private static String byTheDescription(List<byte[][]> rows) throws Exception {
        BigInteger sum = BigInteger.ZERO;
        for (byte[][] row : rows) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (byte[] value : row) {
                if (value == null) {
                    bytes.write(0);
                } else {
                    bytes.write(1);
                    bytes.write(ByteBuffer.allocate(4).putInt(value.length).array());
                    bytes.write(value);
                }
            }
            sum = sum.add(new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray())));
        }
        return String.format("%064x", sum.mod(BigInteger.ONE.shiftLeft(256)));
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
