package dev.migratemcp.backup;

import dev.migratemcp.dialect.Database;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes backups into a folder: the backup file and its JSON manifest, each written under a temporary name and
 * renamed when complete, so a crash never leaves something that looks like a whole backup.
 *
 * <p>SQLite is backed up with {@code VACUUM INTO}, a consistent copy of the live database made by SQLite itself
 * (never a file copy, which can catch a write half done). PostgreSQL and MySQL backups are not built yet.
 */
public final class BackupService {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Database database;
    private final Path folder;

    public BackupService(Database database, Path folder) {
        this.database = database;
        this.folder = folder;
    }

    /** Whether a backup id is safe to use as a file name: no separators, no dots at the start, no traversal. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches() && !id.contains("..");
    }

    public boolean supported() {
        return database.dialect().kind() == DatabaseKind.SQLITE;
    }

    /**
     * @param c             a connection to the database (the pool may hold only one)
     * @param label         free text to remember the backup by (kept in the manifest, slugged into the id)
     * @param schemaVersion the version the database is at
     * @param tables        the tables whose rows to count for the manifest
     */
    public BackupManifest create(Connection c, String label, long schemaVersion, Iterable<String> tables)
            throws IOException, SQLException {
        if (!supported()) {
            throw new UnsupportedOperationException("backups of " + database.dialect().kind().id()
                    + " databases are not available yet; only SQLite is supported");
        }
        Files.createDirectories(folder);
        Instant now = Instant.now();
        String id = STAMP.format(now) + slug(label);
        Path file = folder.resolve(id + ".sqlite");
        Path partial = folder.resolve(id + ".sqlite.partial");
        Map<String, Long> rows = new LinkedHashMap<>();
        try {
            try (PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
                ps.setString(1, partial.toAbsolutePath().toString());
                ps.execute();
            }
            for (String table : tables) {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + database.dialect().quote(table))) {
                    rs.next();
                    rows.put(table, rs.getLong(1));
                }
            }
        } catch (SQLException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        move(partial, file);
        BackupManifest manifest = new BackupManifest(id, database.dialect().kind().id(),
                database.settings().redactedUrl(), schemaVersion, "sqlite_vacuum_into", file.getFileName().toString(),
                Files.size(file), sha256(file), rows, now, label);
        Path manifestPartial = folder.resolve(id + ".json.partial");
        Files.writeString(manifestPartial, Json.pretty(manifest));
        move(manifestPartial, folder.resolve(id + ".json"));
        return manifest;
    }

    private static String slug(String label) {
        if (label == null || label.isBlank()) {
            return "";
        }
        String s = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "" : "-" + (s.length() > 40 ? s.substring(0, 40) : s);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
