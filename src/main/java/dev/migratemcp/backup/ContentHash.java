package dev.migratemcp.backup;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.dialect.Dialect;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * A table's content as one hash, the same whichever method made the backup and whatever order the rows come in: the
 * rows are read in one streaming pass (no sort on the server) and each row is hashed on its own; the row hashes are
 * added up modulo 2^256, so that order does not matter and memory stays flat.
 */
final class ContentHash {

    /** What the manifest says was hashed, and how. */
    static final String DESCRIPTION = "per table, every row: its values in column order, each NULL as byte 0x00 and "
            + "each other value as byte 0x01, its length (4 bytes, big-endian) and its bytes (binary values as they "
            + "are, every other value in the database's own text form as the JDBC driver reads it, UTF-8); SHA-256 "
            + "of each row, the row hashes summed modulo 2^256 (so row order does not matter), as 64 hex digits";

    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

    /** A table's rows and content hash. */
    record Digest(long rows, String sha256) {
    }

    private ContentHash() {
    }

    static Digest of(Connection c, Dialect dialect, String table) throws SQLException {
        MessageDigest sha = sha256();
        BigInteger sum = BigInteger.ZERO;
        long rows = 0;
        try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            // stream the rows: MySQL Connector/J only does so with this fetch size; PostgreSQL needs a transaction
            // for a cursor, which the backup methods hold, and otherwise reads in batches of this size anyway
            s.setFetchSize(dialect.kind() == DatabaseKind.MYSQL ? Integer.MIN_VALUE : 1000);
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + dialect.quote(table))) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                boolean[] binary = new boolean[n + 1];
                for (int i = 1; i <= n; i++) {
                    int t = meta.getColumnType(i);
                    binary[i] = t == Types.BINARY || t == Types.VARBINARY || t == Types.LONGVARBINARY
                            || t == Types.BLOB;
                }
                ByteBuffer length = ByteBuffer.allocate(4);
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        byte[] value = binary[i] ? rs.getBytes(i) : text(rs.getString(i));
                        if (value == null) {
                            sha.update((byte) 0);
                        } else {
                            sha.update((byte) 1);
                            sha.update(length.clear().putInt(value.length).array());
                            sha.update(value);
                        }
                    }
                    sum = sum.add(new BigInteger(1, sha.digest()));
                    rows++;
                }
            }
        }
        return new Digest(rows, String.format("%064x", sum.mod(MODULUS)));
    }

    private static byte[] text(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
