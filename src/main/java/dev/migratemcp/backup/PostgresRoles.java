package dev.migratemcp.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The roles a PostgreSQL backup refers to: those that own the schema or its objects and those that hold grants on
 * them. Roles are server-wide, so no backup holds them; a restore needs each to exist, and says which do not before
 * anything changes (else the restore would fail half-way, at its scratch step, on the first OWNER TO or GRANT).
 */
final class PostgresRoles {

    private static final String IN_SCHEMA = " = current_schema()::regnamespace";

    /** Owners and grantees (PUBLIC left out) of the current schema and everything in it. */
    private static final String USED = "SELECT DISTINCT pg_get_userbyid(r) FROM ("
            + "SELECT nspowner AS r FROM pg_namespace WHERE oid" + IN_SCHEMA
            + " UNION SELECT (aclexplode(nspacl)).grantee FROM pg_namespace WHERE oid" + IN_SCHEMA
            + " UNION SELECT relowner FROM pg_class WHERE relnamespace" + IN_SCHEMA
            + " UNION SELECT (aclexplode(relacl)).grantee FROM pg_class WHERE relnamespace" + IN_SCHEMA
            + " UNION SELECT (aclexplode(a.attacl)).grantee FROM pg_attribute a JOIN pg_class k ON k.oid = a.attrelid "
            + "WHERE k.relnamespace" + IN_SCHEMA
            + " UNION SELECT proowner FROM pg_proc WHERE pronamespace" + IN_SCHEMA
            + " UNION SELECT (aclexplode(proacl)).grantee FROM pg_proc WHERE pronamespace" + IN_SCHEMA
            + " UNION SELECT typowner FROM pg_type WHERE typnamespace" + IN_SCHEMA
            + " UNION SELECT (aclexplode(typacl)).grantee FROM pg_type WHERE typnamespace" + IN_SCHEMA
            + ") x WHERE r <> 0 ORDER BY 1";

    private static final String IDENTIFIER = "(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    /** The role of an OWNER TO, GRANT ... TO or REVOKE ... FROM line of a SQL script (pg_restore writes one a line). */
    private static final List<Pattern> NAMING = List.of(
            Pattern.compile("^ALTER .* OWNER TO " + IDENTIFIER + ";$"),
            Pattern.compile("^GRANT .* TO " + IDENTIFIER + "( WITH GRANT OPTION)?;$"),
            Pattern.compile("^REVOKE .* FROM " + IDENTIFIER + ";$"));

    private PostgresRoles() {
    }

    /** The roles the connection's current schema refers to, by name. */
    static List<String> used(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(USED); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The roles a SQL script names as owners, grantees or revokees (PUBLIC left out). */
    static Set<String> named(BufferedReader script) throws IOException {
        Set<String> out = new TreeSet<>();
        String line;
        while ((line = script.readLine()) != null) {
            for (Pattern p : NAMING) {
                Matcher m = p.matcher(line);
                if (m.matches()) {
                    String role = m.group(1);
                    if (role.startsWith("\"")) {
                        out.add(role.substring(1, role.length() - 1).replace("\"\"", "\""));
                    } else if (!role.equalsIgnoreCase("PUBLIC")) {
                        out.add(role.toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        return out;
    }

    /** One refusal per role of {@code roles} that this server lacks. */
    static List<String> missing(Connection c, Collection<String> roles) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String role : new TreeSet<>(roles)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                ps.setString(1, role);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        out.add("role " + role + " owns objects of the backup or holds grants on them, and does not "
                                + "exist on this server (roles are server-wide, not in a backup): CREATE ROLE "
                                + PostgresReplacement.quote(role) + " first");
                    }
                }
            }
        }
        return out;
    }
}
