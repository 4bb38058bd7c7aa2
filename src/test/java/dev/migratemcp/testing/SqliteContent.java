package dev.migratemcp.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a SQLite database holds, as one string to compare before and after a call that must change nothing:
 * every object's definition and every table's rows (history and snapshots included), with the names in the backups
 * folder (a call that changes nothing takes no backup either).
 */
public final class SqliteContent {

    private SqliteContent() {
    }

    public static String of(String jdbcUrl, Path backups) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")) {
                while (rs.next()) {
                    sb.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(": ")
                            .append(rs.getString(3)).append('\n');
                    if (rs.getString(1).equals("table")) {
                        tables.add(rs.getString(2));
                    }
                }
            }
            for (String table : tables) {
                sb.append(table).append(" rows ").append(rows(s, table)).append('\n');
            }
        }
        if (Files.isDirectory(backups)) {
            try (var listed = Files.list(backups)) {
                sb.append("backups ").append(listed.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
        return sb.toString();
    }

    private static List<String> rows(Statement s, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        Collections.sort(rows);
        return rows;
    }
}
