package dev.migratemcp.engine;

import dev.migratemcp.dialect.StorageEngines;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks the data changes of a MySQL plan that write a table without transactions (MyISAM, Aria, MEMORY...). On
 * InnoDB each such statement commits in one transaction with its progress in the history, so a crash leaves the
 * history exact; on MyISAM the rows change at once and stay whatever happens, so a crash while the statement runs,
 * or before its progress commits, leaves the history one statement behind, and resume would run it again. Which
 * tables those are is read from the live schema and followed through the plan (CREATE TABLE with an ENGINE, or
 * without one when the server's default has no transactions; ALTER TABLE ... ENGINE; RENAME; DROP).
 */
final class NonTransactionalWrites {

    static final String RISK = "non_transactional_table";

    private static final String NAME = "((?:`[^`]+`|[\\w$]+)(?:\\.(?:`[^`]+`|[\\w$]+))?)";
    private static final Pattern NAME_TOKEN = Pattern.compile(NAME);
    private static final Pattern CREATE = Pattern.compile("^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TEMPORARY\\s+)?TABLE\\s+"
            + "(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_LIKE = Pattern.compile("^\\s*\\(?\\s*LIKE\\s+" + NAME,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ALTER = Pattern.compile("^ALTER\\s+(?:(?:ONLINE|IGNORE)\\s+)*TABLE\\s+" + NAME,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ALTER_RENAME = Pattern.compile("\\bRENAME\\s+(?:TO\\s+|AS\\s+)?" + NAME + "\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ENGINE = Pattern.compile("\\bENGINE\\s*=?\\s*`?(\\w+)`?", Pattern.CASE_INSENSITIVE);
    private static final Pattern RENAME = Pattern.compile("^RENAME\\s+TABLES?\\s+(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern RENAME_PAIR = Pattern.compile(NAME + "\\s+TO\\s+" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP = Pattern.compile("^DROP\\s+(?:TEMPORARY\\s+)?TABLES?\\s+(?:IF\\s+EXISTS\\s+)?"
            + "(.*?)(?:\\s+(?:RESTRICT|CASCADE))?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern INSERT = Pattern.compile("^(?:INSERT|REPLACE)\\s+(?:(?:LOW_PRIORITY|DELAYED|"
            + "HIGH_PRIORITY|IGNORE)\\s+)*(?:INTO\\s+)?" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern UPDATE = Pattern.compile("^UPDATE\\s+(?:(?:LOW_PRIORITY|IGNORE)\\s+)*(.*?)\\s+SET\\s",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DELETE = Pattern.compile("^DELETE\\s+(?:(?:LOW_PRIORITY|QUICK|IGNORE)\\s+)*(.*?)"
            + "\\bFROM\\s+" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern LOAD = Pattern.compile("^LOAD\\s+(?:DATA|XML)\\b.*?\\bINTO\\s+TABLE\\s+" + NAME,
            Pattern.CASE_INSENSITIVE);

    private NonTransactionalWrites() {
    }

    /** The plan with a {@value #RISK} risk on every statement that writes a table without transactions. */
    static List<PlannedMigration> mark(List<PlannedMigration> plan, StorageEngines engines) {
        if (engines == null) {
            return plan;
        }
        Map<String, String> tables = new HashMap<>(engines.tables());
        List<PlannedMigration> marked = new ArrayList<>();
        for (PlannedMigration m : plan) {
            List<PlannedStatement> statements = new ArrayList<>();
            for (PlannedStatement st : m.statements()) {
                String sql = st.sql().strip().replaceAll("\\s+", " ");
                List<String> written = writtenTables(sql, tables);
                if (!written.isEmpty()) {
                    List<Risk> risks = new ArrayList<>(st.risks());
                    String table = written.get(0);
                    risks.add(new Risk(RISK, "writes " + table + ", a " + tables.get(table) + " table: it has no "
                            + "transactions, so this change takes effect at once and cannot commit with its progress "
                            + "in the history; after a crash during or just after it, the history may count it as not "
                            + "done and resume would run it again. Use InnoDB (ALTER TABLE " + table
                            + " ENGINE=InnoDB) for exact recovery"));
                    st = new PlannedStatement(st.index(), st.line(), st.sql(), st.batch(), risks);
                }
                follow(sql, tables, engines);
                statements.add(st);
            }
            marked.add(new PlannedMigration(m.version(), m.description(), m.direction(), m.transactional(),
                    m.backupRequired(), m.dependsOn(), statements, m.destroys()));
        }
        return marked;
    }

    /** The tables without transactions that a data change writes (none for other statements). */
    private static List<String> writtenTables(String sql, Map<String, String> tables) {
        List<String> targets = new ArrayList<>();
        Matcher m;
        if ((m = INSERT.matcher(sql)).find() || (m = LOAD.matcher(sql)).find()) {
            targets.add(table(m.group(1)));
        } else if ((m = UPDATE.matcher(sql)).find()) {
            targets.addAll(names(m.group(1)));
        } else if ((m = DELETE.matcher(sql)).find()) {
            targets.addAll(m.group(1).isBlank() ? List.of(table(m.group(2))) : names(m.group(1)));
        }
        return targets.stream().filter(tables::containsKey).distinct().toList();
    }

    /** Follows what a DDL statement does to the engines of the tables it names. */
    private static void follow(String sql, Map<String, String> tables, StorageEngines engines) {
        Matcher m;
        if ((m = CREATE.matcher(sql)).find()) {
            String table = table(m.group(1));
            String engine = lastKnownEngine(sql.substring(m.end()), engines);
            Matcher like = CREATE_LIKE.matcher(sql.substring(m.end()));
            if (engine == null && like.find()) {
                String source = table(like.group(1));
                set(tables, table, tables.get(source), engines); // LIKE copies the engine
                return;
            }
            set(tables, table, engine != null ? engine : engines.defaultEngine(), engines);
        } else if ((m = ALTER.matcher(sql)).find()) {
            String table = table(m.group(1));
            String rest = sql.substring(m.end());
            String engine = lastKnownEngine(rest, engines);
            if (engine != null) {
                set(tables, table, engine, engines);
            }
            Matcher rename = ALTER_RENAME.matcher(rest);
            if (rename.find()) {
                move(tables, table, table(rename.group(1)));
            }
        } else if ((m = RENAME.matcher(sql)).find()) {
            Matcher pair = RENAME_PAIR.matcher(m.group(1));
            while (pair.find()) {
                move(tables, table(pair.group(1)), table(pair.group(2)));
            }
        } else if ((m = DROP.matcher(sql)).find()) {
            names(m.group(1)).forEach(tables::remove);
        }
    }

    private static String lastKnownEngine(String text, StorageEngines engines) {
        String found = null;
        Matcher m = ENGINE.matcher(text);
        while (m.find()) {
            if (engines.known(m.group(1))) {
                found = m.group(1);
            }
        }
        return found;
    }

    private static void set(Map<String, String> tables, String table, String engine, StorageEngines engines) {
        if (engine != null && !engines.transactional(engine)) {
            tables.put(table, engine);
        } else {
            tables.remove(table);
        }
    }

    private static void move(Map<String, String> tables, String from, String to) {
        String engine = tables.remove(from);
        if (engine != null) {
            tables.put(to, engine);
        } else {
            tables.remove(to);
        }
    }

    private static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = NAME_TOKEN.matcher(text);
        while (m.find()) {
            names.add(table(m.group(1)));
        }
        return names;
    }

    /** A table name as compared here: unquoted, without its database, lower case. */
    private static String table(String name) {
        String last = name.contains("`.") || name.contains(".`") || name.matches("[^`]*\\.[^`]*")
                ? name.substring(name.lastIndexOf('.') + 1) : name;
        return last.replace("`", "").toLowerCase(Locale.ROOT);
    }
}
