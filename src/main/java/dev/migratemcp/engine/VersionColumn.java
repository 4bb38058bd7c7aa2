package dev.migratemcp.engine;

import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.migration.Version;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code version} column of our tables (history and snapshots) holds a version's canonical text ({@code 3},
 * {@code 1.1}). Releases before dotted versions made it a BIGINT; such a table is converted in place, under the
 * migration lock, the first time a command that may write finds it: every row kept, each number becoming its text.
 * Values that are versions but not in canonical form (an adopted table's {@code 0003}) are rewritten to it, so that
 * lookups by version find them.
 *
 * <p>Text does not sort as versions do (10 before 9, 1.10 before 1.9), so nothing orders by this column in SQL:
 * rows are read and sorted with {@link Version#compareTo}.
 */
final class VersionColumn {

    static final String NAME = "version";
    private static final Logger LOG = LoggerFactory.getLogger(VersionColumn.class);

    private VersionColumn() {
    }

    /**
     * Converts {@code table}'s version column to text when it is not text yet, and canonicalises its values; returns
     * whether anything changed. In one transaction where the database allows DDL in one.
     */
    static boolean upgrade(Connection c, Dialect dialect, String table) throws SQLException {
        boolean convert = !dialect.isTextColumn(c, table, NAME);
        Map<String, String> rewrites = convert ? Map.of() : rewrites(c, table);
        if (!convert && rewrites.isEmpty()) {
            return false;
        }
        boolean own = c.getAutoCommit();
        if (own) {
            c.setAutoCommit(false);
        }
        try {
            if (convert) {
                dialect.convertColumnToText(c, table, NAME, dialect.historyColumnTypes().version());
                rewrites = rewrites(c, table);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + NAME + " = ? WHERE "
                    + NAME + " = ?")) {
                for (Map.Entry<String, String> r : rewrites.entrySet()) {
                    ps.setString(1, r.getValue());
                    ps.setString(2, r.getKey());
                    ps.executeUpdate();
                }
            }
            if (own) {
                c.commit();
            }
            if (convert) {
                LOG.info("converted the version column of {} to text, every row kept", table);
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            if (own) {
                c.rollback();
            }
            throw e;
        } finally {
            if (own) {
                c.setAutoCommit(true);
            }
        }
    }

    /** Stored text -> canonical text, for the values that are versions written another way. */
    private static Map<String, String> rewrites(Connection c, String table) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + NAME + " FROM " + table)) {
            while (rs.next()) {
                String text = rs.getString(1);
                try {
                    String canonical = Version.parse(text).toString();
                    if (!canonical.equals(text)) {
                        out.put(text, canonical);
                    }
                } catch (IllegalArgumentException notAVersion) {
                    // left as it is: reading the table names it
                }
            }
        }
        return out;
    }

    /** Reads a stored version; a value that is not one is an error naming the table, never a guess. */
    static Version read(ResultSet rs, String table) throws SQLException {
        String text = rs.getString(NAME);
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw new MigrateException(ErrorCode.INVALID_CONFIG, "table " + table + " holds version '" + text
                    + "', which is not a version: " + e.getMessage(),
                    "Correct or delete that row of " + table + " by hand.");
        }
    }
}
