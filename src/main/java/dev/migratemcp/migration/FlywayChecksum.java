package dev.migratemcp.migration;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum Flyway records for a script, computed as Flyway computes it, so that a database Flyway migrated can
 * tell whether a script changed since: a CRC-32 over the script's lines, each line's UTF-8 bytes without its line
 * ending (so LF, CRLF and CR agree, and blank lines add nothing), a byte order mark at the start left out, the result
 * read as a signed 32-bit number. Flyway reads a line as {@code BufferedReader.readLine} does: a line ends at LF, CR
 * or CR LF, and text after the last line ending is a line of its own.
 */
public final class FlywayChecksum {

    private FlywayChecksum() {
    }

    public static int of(String text) {
        CRC32 crc = new CRC32();
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int start = 0;
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char ch = t.charAt(i);
            if (ch == '\n' || ch == '\r') {
                crc.update(t.substring(start, i).getBytes(StandardCharsets.UTF_8));
                if (ch == '\r' && i + 1 < n && t.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            crc.update(t.substring(start).getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }
}
