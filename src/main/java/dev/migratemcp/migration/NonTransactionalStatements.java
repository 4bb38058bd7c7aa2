package dev.migratemcp.migration;

import dev.migratemcp.dialect.DatabaseKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Statements a database refuses to run inside a transaction block. A migration holding one runs outside a
 * transaction on its own, statement by statement with its progress recorded, as if its file said
 * {@code no_transaction}; the author need not know the list.
 *
 * <p>PostgreSQL's list is that of its {@code PreventInTransactionBlock} checks. {@code ALTER TYPE ... ADD VALUE} is on
 * it although servers from 12 on accept it in a transaction: there the new value cannot be used until the transaction
 * that adds it commits, so a migration that adds a value and then uses it fails inside one on every version. SQLite
 * refuses {@code VACUUM} (and {@code VACUUM INTO}) and a change of journal mode to or from WAL inside a transaction.
 * MySQL needs no list: it commits DDL as it runs, so its migrations already run statement by statement.
 */
public final class NonTransactionalStatements {

    /**
     * One statement a database refuses in a transaction block: its pattern, matched against the statement with its
     * white space collapsed and upper-cased, and the words it begins with ("CREATE UNIQUE" or "VACUUM"), so that a
     * statement beginning otherwise is passed without that work (see {@link #reason}).
     */
    private record Rule(Set<String> leads, Pattern pattern, String statement) {
    }

    private static final List<Rule> POSTGRES = List.of(
            rule("CREATE UNIQUE|CREATE INDEX", "^CREATE (UNIQUE )?INDEX CONCURRENTLY\\b", "CREATE INDEX CONCURRENTLY"),
            rule("DROP INDEX", "^DROP INDEX CONCURRENTLY\\b", "DROP INDEX CONCURRENTLY"),
            rule("REINDEX", "^REINDEX\\b.*\\bCONCURRENTLY\\b", "REINDEX CONCURRENTLY"),
            rule("REINDEX", "^REINDEX (\\(.*\\) )?(SCHEMA|DATABASE|SYSTEM)\\b", "REINDEX SCHEMA/DATABASE/SYSTEM"),
            rule("VACUUM", "^VACUUM\\b", "VACUUM"),
            rule("CLUSTER", "^CLUSTER( VERBOSE)?$", "CLUSTER of every table"),
            rule("ALTER SYSTEM", "^ALTER SYSTEM\\b", "ALTER SYSTEM"),
            rule("CREATE DATABASE|DROP DATABASE", "^(CREATE|DROP) DATABASE\\b", "CREATE/DROP DATABASE"),
            rule("ALTER DATABASE", "^ALTER DATABASE \\S+ SET TABLESPACE\\b", "ALTER DATABASE ... SET TABLESPACE"),
            rule("CREATE TABLESPACE|DROP TABLESPACE", "^(CREATE|DROP) TABLESPACE\\b", "CREATE/DROP TABLESPACE"),
            rule("ALTER TYPE", "^ALTER TYPE .+ ADD VALUE\\b", "ALTER TYPE ... ADD VALUE"),
            rule("ALTER TABLE", "^ALTER TABLE .+ DETACH PARTITION .+ CONCURRENTLY\\b",
                    "ALTER TABLE ... DETACH PARTITION CONCURRENTLY"),
            rule("CREATE SUBSCRIPTION|DROP SUBSCRIPTION", "^(CREATE|DROP) SUBSCRIPTION\\b", "CREATE/DROP SUBSCRIPTION"),
            rule("ALTER SUBSCRIPTION", "^ALTER SUBSCRIPTION .+ REFRESH PUBLICATION\\b",
                    "ALTER SUBSCRIPTION ... REFRESH PUBLICATION"),
            rule("DISCARD ALL", "^DISCARD ALL\\b", "DISCARD ALL"),
            rule("COMMIT PREPARED|ROLLBACK PREPARED", "^(COMMIT|ROLLBACK) PREPARED\\b", "COMMIT/ROLLBACK PREPARED"));

    private static final List<Rule> SQLITE = List.of(
            rule("VACUUM", "^VACUUM\\b", "VACUUM"),
            rule("PRAGMA", "^PRAGMA (\\S+\\.)?JOURNAL_MODE ?= ?", "PRAGMA journal_mode"));

    private NonTransactionalStatements() {
    }

    /** @param leads the words a matching statement begins with, one or two, alternatives split by | */
    private static Rule rule(String leads, String regex, String statement) {
        return new Rule(Set.of(leads.split("\\|")), Pattern.compile(regex), statement);
    }

    /**
     * Why this statement cannot run inside a transaction block on this database, or empty when it can.
     *
     * <p>Only the rules for the statement's first words are tried: collapsing and upper-casing a whole statement and
     * trying sixteen patterns on it was half of what a {@code status} over 10,000 files allocated, for the
     * {@code CREATE TABLE}s and {@code INSERT}s that make up most migrations and that no rule is about.
     *
     * @param sql a statement as the splitter returns it (leading comments already dropped)
     */
    public static Optional<String> reason(String sql, DatabaseKind kind) {
        List<Rule> candidates = new ArrayList<>();
        Leads leads = Leads.of(sql);
        for (Rule rule : rules(kind)) {
            if (rule.leads().contains(leads.one()) || rule.leads().contains(leads.two())) {
                candidates.add(rule);
            }
        }
        return firstMatch(sql, candidates, kind);
    }

    /** What {@link #reason} answers when every rule is tried (for tests that hold the leads to the patterns). */
    static Optional<String> reasonTryingEveryRule(String sql, DatabaseKind kind) {
        return firstMatch(sql, rules(kind), kind);
    }

    private static List<Rule> rules(DatabaseKind kind) {
        return switch (kind) {
            case POSTGRESQL -> POSTGRES;
            case SQLITE -> SQLITE;
            case MYSQL -> List.of();
        };
    }

    private static Optional<String> firstMatch(String sql, List<Rule> rules, DatabaseKind kind) {
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        String head = sql.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        for (Rule rule : rules) {
            if (rule.pattern().matcher(head).find()) {
                return Optional.of(rule.statement() + " cannot run inside a transaction block on "
                        + (kind == DatabaseKind.SQLITE ? "SQLite" : "PostgreSQL"));
            }
        }
        return Optional.empty();
    }

    /**
     * A statement's first word and its first two, upper-cased as the patterns see them: a word is a run of letters
     * after the white space {@link String#strip} drops, and the second follows the first after white space only, as
     * the single space the patterns match stands for.
     */
    private record Leads(String one, String two) {
        static Leads of(String sql) {
            int i = 0;
            while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
                i++;
            }
            int firstEnd = wordEnd(sql, i);
            String one = sql.substring(i, firstEnd).toUpperCase(Locale.ROOT);
            int j = firstEnd;
            while (j < sql.length() && isRegexSpace(sql.charAt(j))) {
                j++;
            }
            if (j == firstEnd) {
                return new Leads(one, one);
            }
            return new Leads(one, one + " " + sql.substring(j, wordEnd(sql, j)).toUpperCase(Locale.ROOT));
        }

        private static int wordEnd(String s, int from) {
            int i = from;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            return i;
        }

        /** What {@code \s} matches, the white space the patterns' single spaces stand for. */
        private static boolean isRegexSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
        }
    }

    /** Whether any of these statements must run outside a transaction on this database. */
    public static boolean anyIn(List<MigrationStatement> statements, DatabaseKind kind) {
        return statements.stream().anyMatch(s -> reason(s.sql(), kind).isPresent());
    }
}
