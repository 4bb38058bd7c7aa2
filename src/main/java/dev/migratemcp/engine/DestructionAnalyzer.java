package dev.migratemcp.engine;

import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.migration.MigrationStatement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads down statements for what they destroy: dropped tables (with their row counts), dropped columns (with the
 * number of rows holding a value), views, indexes, triggers, routines, and rows deleted or truncated. It reads the
 * statements' text, so it sees what the SQL says, not what a trigger or cascade might add.
 */
final class DestructionAnalyzer {

    private static final String NAME = "((?:[`\"\\[]?[\\w$]+[`\"\\]]?\\.)?[`\"\\[]?[\\w$]+[`\"\\]]?)";
    private static final Pattern DROP_TABLE = Pattern.compile("(?is)^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?" + NAME);
    private static final Pattern DROP_OTHER = Pattern.compile(
            "(?is)^DROP\\s+(VIEW|MATERIALIZED\\s+VIEW|INDEX|TRIGGER|FUNCTION|PROCEDURE)\\s+(?:IF\\s+EXISTS\\s+)?" + NAME);
    private static final Pattern DROP_COLUMN = Pattern.compile(
            "(?is)^ALTER\\s+TABLE\\s+" + NAME + "\\s+DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?" + NAME);
    private static final Pattern TRUNCATE = Pattern.compile("(?is)^TRUNCATE\\s+(?:TABLE\\s+)?" + NAME);
    private static final Pattern DELETE = Pattern.compile("(?is)^DELETE\\s+FROM\\s+" + NAME + "(\\s+WHERE\\s+.*)?$");

    private final Connection connection;
    private final Dialect dialect;

    DestructionAnalyzer(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    List<Destruction> analyse(List<MigrationStatement> statements) {
        List<Destruction> out = new ArrayList<>();
        for (MigrationStatement st : statements) {
            String sql = st.sql().strip();
            Matcher m;
            if ((m = DROP_TABLE.matcher(sql)).find()) {
                String table = bare(m.group(1));
                out.add(new Destruction("table", table, count("SELECT COUNT(*) FROM " + quoted(table))));
            } else if ((m = DROP_COLUMN.matcher(sql)).find()) {
                String table = bare(m.group(1));
                String column = bare(m.group(2));
                if (!column.equalsIgnoreCase("CONSTRAINT") && !column.equalsIgnoreCase("INDEX")
                        && !column.equalsIgnoreCase("FOREIGN") && !column.equalsIgnoreCase("PRIMARY")) {
                    out.add(new Destruction("column", table + "." + column, count("SELECT COUNT(*) FROM "
                            + quoted(table) + " WHERE " + dialect.quote(column) + " IS NOT NULL")));
                }
            } else if ((m = DROP_OTHER.matcher(sql)).find()) {
                String kind = m.group(1).toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
                kind = switch (kind) {
                    case "function", "procedure" -> "routine";
                    case "materialized view" -> "view";
                    default -> kind;
                };
                out.add(new Destruction(kind, bare(m.group(2)), null));
            } else if ((m = TRUNCATE.matcher(sql)).find()) {
                String table = bare(m.group(1));
                out.add(new Destruction("rows", table, count("SELECT COUNT(*) FROM " + quoted(table))));
            } else if ((m = DELETE.matcher(sql)).find()) {
                String table = bare(m.group(1));
                // with a WHERE clause only the database knows how many; without one, all of them
                Long rows = m.group(2) == null ? count("SELECT COUNT(*) FROM " + quoted(table)) : null;
                out.add(new Destruction("rows", table, rows));
            }
        }
        return out;
    }

    private String quoted(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? dialect.quote(name) : dialect.quote(name.substring(0, dot)) + "."
                + dialect.quote(name.substring(dot + 1));
    }

    private static String bare(String name) {
        return name.replaceAll("[`\"\\[\\]]", "");
    }

    /** A count, or null when it cannot be had (table missing, no permission): the plan must not fail for it. */
    private Long count(String sql) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
