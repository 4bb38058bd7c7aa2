package dev.migratemcp.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether this MySQL/MariaDB session holds a global privilege, granted to its account or to one of the roles enabled
 * in it (a default role, or one set with SET ROLE; a role granted to an enabled role counts too). The server checks
 * an enabled role's privileges like the account's own, but information_schema.USER_PRIVILEGES lists the account's
 * only, so the roles' are read from their grants: MariaDB's {@code SHOW GRANTS} lists the enabled roles' grants with
 * the account's, MySQL 8 lists them with {@code SHOW GRANTS FOR CURRENT_USER() USING} the enabled roles. A grant line
 * may carry a password hash: lines are only matched here, never kept, logged or shown.
 */
final class MysqlSessionPrivileges {

    private static final Logger LOG = LoggerFactory.getLogger(MysqlSessionPrivileges.class);

    /** A grant of global privileges: {@code GRANT SUPER, SET USER ON *.* TO ...}. */
    private static final Pattern GLOBAL_GRANT = Pattern.compile("^GRANT (.+?) ON \\*\\.\\* TO ",
            Pattern.CASE_INSENSITIVE);

    private MysqlSessionPrivileges() {
    }

    /**
     * True when the session holds any of {@code privileges} (upper case, as the server names them) on *.*;
     * {@code grantee} is its CURRENT_USER() as information_schema writes it ({@code 'user'@'host'}).
     */
    static boolean holdsAny(Connection c, String grantee, List<String> privileges) throws SQLException {
        if (!CatalogRows.list(c, "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ? "
                + "AND PRIVILEGE_TYPE IN ('" + String.join("', '", privileges) + "')", grantee).isEmpty()) {
            return true;
        }
        List<String> grants;
        try {
            grants = roleGrants(c);
        } catch (SQLException e) {
            // a server without roles (MySQL 5.7) has no ENABLED_ROLES; the account's own privileges were all there is
            LOG.debug("the roles of this session cannot be read: {}", e.getMessage());
            return false;
        }
        for (String line : grants) {
            Matcher m = GLOBAL_GRANT.matcher(line);
            if (m.find() && granted(m.group(1), privileges)) {
                return true;
            }
        }
        return false;
    }

    /** The grant lines that include the enabled roles' grants; empty when no role is enabled. */
    private static List<String> roleGrants(Connection c) throws SQLException {
        boolean mariadb = c.getMetaData().getDatabaseProductVersion().contains("MariaDB");
        if (mariadb) {
            // ROLE_NAME is one NULL row when no role is enabled
            boolean anyRole = CatalogRows.list(c, "SELECT ROLE_NAME FROM information_schema.ENABLED_ROLES").stream()
                    .anyMatch(r -> r != null);
            return anyRole ? CatalogRows.list(c, "SHOW GRANTS") : List.of();
        }
        List<String> roles = new ArrayList<>();
        for (String[] r : CatalogRows.rows(c, "SELECT ROLE_NAME, ROLE_HOST FROM information_schema.ENABLED_ROLES")) {
            roles.add("'" + r[0].replace("'", "''") + "'@'" + r[1].replace("'", "''") + "'");
        }
        return roles.isEmpty() ? List.of()
                : CatalogRows.list(c, "SHOW GRANTS FOR CURRENT_USER() USING " + String.join(", ", roles));
    }

    private static boolean granted(String list, List<String> privileges) {
        return Arrays.stream(list.split(",")).map(p -> p.strip().toUpperCase(Locale.ROOT))
                .anyMatch(p -> p.equals("ALL PRIVILEGES") || p.equals("ALL") || privileges.contains(p));
    }
}
