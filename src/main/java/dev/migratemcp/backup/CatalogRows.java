package dev.migratemcp.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Small catalog queries of the builtin dumps: every value read as text, parameters bound as text. */
final class CatalogRows {

    private CatalogRows() {
    }

    static List<String[]> rows(Connection c, String sql, String... parameters) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** The first column of every row. */
    static List<String> list(Connection c, String sql, String... parameters) throws SQLException {
        return rows(c, sql, parameters).stream().map(r -> r[0]).toList();
    }

    /** The first column of the first row. */
    static String scalar(Connection c, String sql, String... parameters) throws SQLException {
        List<String> values = list(c, sql, parameters);
        if (values.isEmpty()) {
            throw new SQLException("no row from " + sql);
        }
        return values.get(0);
    }
}
