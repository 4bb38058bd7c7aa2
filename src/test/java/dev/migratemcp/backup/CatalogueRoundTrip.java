package dev.migratemcp.backup;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.config.DatabaseUrls;
import dev.migratemcp.dialect.Database;
import dev.migratemcp.schema.SchemaSnapshot;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The catalogue tests' round trip: a backup of one database taken and restored into another through
 * {@link BackupService}, as the engine does, and what both are compared by.
 */
final class CatalogueRoundTrip {

    private CatalogueRoundTrip() {
    }

    /** Backs {@code fromUrl} up (builtin dump or the database's own tool) and restores it into {@code toUrl}. */
    static BackupManifest copy(String fromUrl, String toUrl, boolean builtin, Path folder) throws Exception {
        BackupManifest m;
        try (Database db = open(fromUrl); Connection c = db.connection()) {
            BackupService backups = new BackupService(db, folder, builtin);
            m = backups.create(c, "catalogue", v(1), (done, total) -> { });
            assertEquals(List.of(), backups.verify(m), "the backup verifies");
        }
        try (Database db = open(toUrl); Connection c = db.connection()) {
            BackupService backups = new BackupService(db, folder, builtin);
            backups.restore(c, backups.find(m.id()).orElseThrow());
        }
        return m;
    }

    static Database open(String url) {
        return Database.open(DatabaseUrls.parse(url, null, null), Duration.ofSeconds(10));
    }

    static SchemaSnapshot snapshot(String url) throws SQLException {
        try (Database db = open(url); Connection c = db.connection()) {
            return db.dialect().introspector().snapshot(c, Set.of());
        }
    }

    /** Every row of the query, its columns joined by tabs. */
    static List<String> lines(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    line.append(i > 1 ? "\t" : "").append(rs.getString(i));
                }
                out.add(line.toString());
            }
        }
        return out;
    }

    static void execute(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
