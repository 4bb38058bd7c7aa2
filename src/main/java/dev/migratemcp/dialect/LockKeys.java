package dev.migratemcp.dialect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable lock identities derived from "which database, which history table". */
final class LockKeys {

    private LockKeys() {
    }

    /** A 64-bit key for PostgreSQL advisory locks. */
    static long advisoryKey(String scope) {
        return ByteBuffer.wrap(sha256(scope)).getLong();
    }

    /** A lock name of at most {@code maxLength} characters: readable when it fits, hashed when it does not. */
    static String name(String scope, int maxLength) {
        String readable = "migrate-mcp:" + scope;
        if (readable.length() <= maxLength) {
            return readable;
        }
        return "migrate-mcp:" + HexFormat.of().formatHex(sha256(scope)).substring(0, maxLength - 12);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
