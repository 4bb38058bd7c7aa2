package dev.migratemcp.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Rows per table, as a backup's manifest records them. */
final class RowCounts {

    private RowCounts() {
    }

    /** Counts each table's rows on {@code c}, in the order given; {@code quote} makes a table name an identifier. */
    static Map<String, Long> count(Connection c, Collection<String> tables, UnaryOperator<String> quote)
            throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quote.apply(table))) {
                    rs.next();
                    rows.put(table, rs.getLong(1));
                }
            }
        }
        return rows;
    }
}
