package dev.migratemcp.backup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static dev.migratemcp.backup.BuiltinMysqlDump.quote;
import static dev.migratemcp.backup.CatalogRows.list;
import static dev.migratemcp.backup.CatalogRows.rows;

/**
 * The values a table holds that our dump could not write back as they are, found in the dump's snapshot before
 * anything is written, so the backup is refused instead of failing (or changing) when it is restored.
 * <p>
 * The one such value: an ENUM's error value, the empty string of index 0 that a write under a sql_mode without
 * strictness stores in place of a value not in the list. Replayed under a strict sql_mode it is refused ("Data
 * truncated"); nothing else the server holds fails to load under the replay's mode (zero dates, invalid dates and
 * rows breaking a MariaDB CHECK written with the checks off are each loaded as they are, see {@link BuiltinMysqlDump}).
 */
final class MysqlUnwritableValues {

    private MysqlUnwritableValues() {
    }

    /**
     * One line per column holding such a value, naming the table, the column and the first row's key; empty when
     * every value can be written back under {@code replayMode}.
     */
    static List<String> find(Connection c, List<String> tables, String replayMode) throws SQLException {
        List<String> found = new ArrayList<>();
        if (!strict(replayMode)) {
            return found; // a lax replay stores the error value again, exactly as it is
        }
        for (String[] col : rows(c, "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE "
                + "TABLE_SCHEMA = DATABASE() AND DATA_TYPE = 'enum' AND EXTRA NOT LIKE '%VIRTUAL GENERATED%' AND EXTRA NOT LIKE '%STORED GENERATED%' ORDER BY "
                + "TABLE_NAME, ORDINAL_POSITION")) {
            if (!tables.contains(col[0])) {
                continue;
            }
            List<String> key = rowKey(c, col[0]);
            // index 0 is the error value only: an empty string the list declares has an index of its own
            List<String[]> row = rows(c, "SELECT " + String.join(", ", key.stream().map(k -> "CAST(" + quote(k)
                    + " AS CHAR)").toList()) + " FROM " + quote(col[0]) + " WHERE " + quote(col[1]) + " + 0 = 0 "
                    + "LIMIT 1");
            if (!row.isEmpty()) {
                List<String> named = new ArrayList<>();
                for (int i = 0; i < key.size(); i++) {
                    named.add(key.get(i) + "=" + (row.get(0)[i] == null ? "NULL" : row.get(0)[i]));
                }
                found.add("table " + col[0] + ", column " + col[1] + ", row " + String.join(", ", named)
                        + ": the ENUM's error value '' (stored by a write that was not strict, for a value not in "
                        + "the list), which a strict sql_mode refuses to write back");
            }
        }
        return found;
    }

    private static boolean strict(String mode) {
        for (String flag : mode.split(",")) {
            if (flag.equals("STRICT_TRANS_TABLES") || flag.equals("STRICT_ALL_TABLES")) {
                return true;
            }
        }
        return false;
    }

    /** The columns that name a row: the primary key's, else every column the dump writes. */
    private static List<String> rowKey(Connection c, String table) throws SQLException {
        List<String> key = list(c, "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = "
                + "DATABASE() AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION", table);
        return !key.isEmpty() ? key : list(c, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA "
                + "= DATABASE() AND TABLE_NAME = ? AND EXTRA NOT LIKE '%VIRTUAL GENERATED%' AND EXTRA NOT LIKE '%STORED GENERATED%' ORDER BY ORDINAL_POSITION", table);
    }
}
