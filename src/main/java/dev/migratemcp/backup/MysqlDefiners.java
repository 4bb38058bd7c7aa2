package dev.migratemcp.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The accounts a MySQL backup's views, triggers, routines and events name as DEFINER, checked on the target before
 * a restore changes anything. Accounts are server-wide, not in a backup: a definer missing on the target leaves
 * objects that fail when used ("the user specified as a definer does not exist"), and a restoring user who may not
 * create objects for another account (neither SUPER nor SET USER, MySQL's SET_USER_ID or SET_ANY_DEFINER) has the
 * restore fail at its scratch step. Both are named here first. The privilege counts however the session holds it:
 * granted to the account or to a role enabled in the session.
 */
final class MysqlDefiners {

    private static final Logger LOG = LoggerFactory.getLogger(MysqlDefiners.class);

    private static final String PART = "(`(?:[^`]|``)*`|'(?:[^'\\\\]|''|\\\\.)*'|[A-Za-z0-9_$.%-]+)";
    private static final Pattern DEFINER = Pattern.compile("\\bDEFINER\\s*=\\s*" + PART + "\\s*@\\s*" + PART,
            Pattern.CASE_INSENSITIVE);
    private static final List<String> DEFINER_PRIVILEGES = List.of("SUPER", "SET USER", "SET_USER_ID",
            "SET_ANY_DEFINER");

    /** An account, as user and host. */
    record Account(String user, String host) implements Comparable<Account> {
        @Override
        public String toString() {
            return "'" + user.replace("'", "''") + "'@'" + host.replace("'", "''") + "'";
        }

        @Override
        public int compareTo(Account o) {
            return toString().compareTo(o.toString());
        }
    }

    private MysqlDefiners() {
    }

    /** Every definer the dump's statements name, with how many times; the rows are not read. */
    static Map<Account, Integer> inBackup(BackupManifest m, Path file) throws IOException {
        Map<Account, Integer> out = new TreeMap<>();
        if (m.method().equals("mysqldump")) {
            // a row of data is one INSERT line (mysqldump escapes line breaks in values): those are passed over
            try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                    StandardCharsets.UTF_8), 1 << 16)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.startsWith("INSERT INTO")
                            && line.toUpperCase(java.util.Locale.ROOT).contains("DEFINER")) {
                        collect(line, out);
                    }
                }
            }
        } else {
            LogicalDump.forEachStatement(file, statement -> collect(statement, out));
        }
        return out;
    }

    private static void collect(String sql, Map<Account, Integer> out) {
        Matcher matcher = DEFINER.matcher(sql);
        while (matcher.find()) {
            out.merge(new Account(unquote(matcher.group(1)), unquote(matcher.group(2))), 1, Integer::sum);
        }
    }

    private static String unquote(String part) {
        if (part.startsWith("`")) {
            return part.substring(1, part.length() - 1).replace("``", "`");
        }
        if (part.startsWith("'")) {
            return part.substring(1, part.length() - 1).replace("''", "'").replaceAll("\\\\(.)", "$1");
        }
        return part;
    }

    /**
     * One refusal per definer of the backup that this server lacks, or that the restoring user may not create
     * objects for; each says what to do.
     */
    static List<String> refusals(Connection c, Map<Account, Integer> definers) throws SQLException {
        List<String> out = new ArrayList<>();
        if (definers.isEmpty()) {
            return out;
        }
        String current = CatalogRows.scalar(c, "SELECT CURRENT_USER()");
        int at = current.lastIndexOf('@');
        Account me = new Account(current.substring(0, at), current.substring(at + 1));
        boolean mayNameOthers = MysqlSessionPrivileges.holdsAny(c, me.toString(), DEFINER_PRIVILEGES);
        for (Map.Entry<Account, Integer> d : definers.entrySet()) {
            Account definer = d.getKey();
            String objects = d.getValue() + " object(s) of the backup (views, triggers, routines, events)";
            if (!definer.equals(me) && !mayNameOthers) {
                out.add("definer " + definer + " of " + objects + " is not the restoring user " + me + ", who may "
                        + "not create objects for another account (that needs SUPER or SET USER; MySQL 8: "
                        + "SET_USER_ID or SET_ANY_DEFINER): restore as " + definer + " or as a user with that "
                        + "privilege");
                continue;
            }
            Boolean exists = exists(c, definer);
            if (Boolean.FALSE.equals(exists)) {
                out.add("definer " + definer + " of " + objects + " does not exist on this server (accounts are "
                        + "server-wide, not in a backup; those objects would fail when used): CREATE USER "
                        + definer + " (with the grants it had) first");
            }
        }
        return out;
    }

    /** Whether the account exists; null when this user may not read the server's accounts (mysql.user). */
    private static Boolean exists(Connection c, Account a) {
        try {
            return !CatalogRows.list(c, "SELECT 1 FROM mysql.user WHERE User = ? AND Host = ?", a.user(), a.host())
                    .isEmpty();
        } catch (SQLException e) {
            LOG.warn("cannot check that the definer {} exists here (mysql.user cannot be read: {})", a,
                    e.getMessage());
            return null;
        }
    }
}
