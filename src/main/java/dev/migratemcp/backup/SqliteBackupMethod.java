package dev.migratemcp.backup;

import dev.migratemcp.config.ConnectionSettings;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite: {@code VACUUM INTO} writes a consistent, compacted copy of the live database (never a file copy, which can
 * catch a write half done); restore goes through SQLite's online backup API ({@code restore from}), which replaces
 * the database's pages in one step.
 */
final class SqliteBackupMethod implements BackupMethod {

    @Override
    public String id() {
        return "sqlite_vacuum_into";
    }

    @Override
    public String extension() {
        return ".sqlite";
    }

    @Override
    public void create(Connection c, ConnectionSettings settings, Path target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
            ps.setString(1, target.toAbsolutePath().toString());
            ps.execute();
        }
    }

    @Override
    public String readable(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath() + "?open_mode=1");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            String result = rs.next() ? rs.getString(1) : "no answer";
            return "ok".equals(result) ? null : "integrity check: " + result;
        } catch (SQLException e) {
            return "not a readable SQLite database: " + e.getMessage();
        }
    }

    @Override
    public void restore(Connection c, ConnectionSettings settings, Path source) throws SQLException {
        String path = source.toAbsolutePath().toString();
        if (path.contains("'")) {
            throw new SQLException("cannot restore from a path containing a quote: " + path);
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("restore from '" + path + "'");
        }
    }
}
