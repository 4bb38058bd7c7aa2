package dev.migratemcp.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The JDBC plumbing of the dialects' small catalog questions; each dialect brings only its SQL. */
final class CatalogQueries {

    private CatalogQueries() {
    }

    private static final java.util.regex.Pattern PLAIN_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_$]+");

    /**
     * {@code lower(column) IN ('a', 'b')} for the names, lower-cased: a condition restricting a catalog query to some
     * tables. Only plain identifiers are accepted, so the literals need no escaping in any dialect.
     */
    static String nameIn(String column, Set<String> names) {
        StringBuilder sb = new StringBuilder("lower(").append(column).append(") IN (");
        String sep = "";
        for (String name : names) {
            if (!PLAIN_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a plain table name: " + name);
            }
            sb.append(sep).append('\'').append(name.toLowerCase(Locale.ROOT)).append('\'');
            sep = ", ";
        }
        return sb.append(sep.isEmpty() ? "NULL)" : ")").toString();
    }

    /** The name itself when it is a plain identifier (safe in a literal in every dialect); refused otherwise. */
    static String plain(String name) {
        if (!PLAIN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain table name: " + name);
        }
        return name;
    }

    /** {@code AND lower(column) IN (only...)}, or nothing when {@code only} is null (every table). */
    static String restrict(String column, Set<String> only) {
        return only == null ? "" : " AND " + nameIn(column, only);
    }

    /** Whether the query, given its string parameters in order, returns any row. */
    static boolean any(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The first column of every row, lower-cased, for a query with one string parameter. */
    static Set<String> lowerNames(Connection c, String sql, String parameter) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    /** The session's user, database and schema, from a query that returns them in that order. */
    static java.util.Map<String, String> sessionFacts(java.sql.Connection c, String query) throws java.sql.SQLException {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(query)) {
            if (rs.next()) {
                String[] keys = {"user", "database", "defaultschema"};
                for (int i = 0; i < keys.length; i++) {
                    if (rs.getString(i + 1) != null) {
                        out.put(keys[i], rs.getString(i + 1));
                    }
                }
            }
        }
        return out;
    }
}
