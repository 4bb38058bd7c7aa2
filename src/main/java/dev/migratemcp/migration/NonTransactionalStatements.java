package dev.migratemcp.migration;

import dev.migratemcp.dialect.DatabaseKind;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    private record Rule(Pattern pattern, String statement) {
    }

    private static final List<Rule> POSTGRES = List.of(
            rule("^CREATE (UNIQUE )?INDEX CONCURRENTLY\\b", "CREATE INDEX CONCURRENTLY"),
            rule("^DROP INDEX CONCURRENTLY\\b", "DROP INDEX CONCURRENTLY"),
            rule("^REINDEX\\b.*\\bCONCURRENTLY\\b", "REINDEX CONCURRENTLY"),
            rule("^REINDEX (\\(.*\\) )?(SCHEMA|DATABASE|SYSTEM)\\b", "REINDEX SCHEMA/DATABASE/SYSTEM"),
            rule("^VACUUM\\b", "VACUUM"),
            rule("^CLUSTER( VERBOSE)?$", "CLUSTER of every table"),
            rule("^ALTER SYSTEM\\b", "ALTER SYSTEM"),
            rule("^(CREATE|DROP) DATABASE\\b", "CREATE/DROP DATABASE"),
            rule("^ALTER DATABASE \\S+ SET TABLESPACE\\b", "ALTER DATABASE ... SET TABLESPACE"),
            rule("^(CREATE|DROP) TABLESPACE\\b", "CREATE/DROP TABLESPACE"),
            rule("^ALTER TYPE .+ ADD VALUE\\b", "ALTER TYPE ... ADD VALUE"),
            rule("^ALTER TABLE .+ DETACH PARTITION .+ CONCURRENTLY\\b", "ALTER TABLE ... DETACH PARTITION CONCURRENTLY"),
            rule("^(CREATE|DROP) SUBSCRIPTION\\b", "CREATE/DROP SUBSCRIPTION"),
            rule("^ALTER SUBSCRIPTION .+ REFRESH PUBLICATION\\b", "ALTER SUBSCRIPTION ... REFRESH PUBLICATION"),
            rule("^DISCARD ALL\\b", "DISCARD ALL"),
            rule("^(COMMIT|ROLLBACK) PREPARED\\b", "COMMIT/ROLLBACK PREPARED"));

    private static final List<Rule> SQLITE = List.of(
            rule("^VACUUM\\b", "VACUUM"),
            rule("^PRAGMA (\\S+\\.)?JOURNAL_MODE ?= ?", "PRAGMA journal_mode"));

    private NonTransactionalStatements() {
    }

    private static Rule rule(String regex, String statement) {
        return new Rule(Pattern.compile(regex), statement);
    }

    /**
     * Why this statement cannot run inside a transaction block on this database, or empty when it can.
     *
     * @param sql a statement as the splitter returns it (leading comments already dropped)
     */
    public static Optional<String> reason(String sql, DatabaseKind kind) {
        List<Rule> rules = switch (kind) {
            case POSTGRESQL -> POSTGRES;
            case SQLITE -> SQLITE;
            case MYSQL -> List.of();
        };
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

    /** Whether any of these statements must run outside a transaction on this database. */
    public static boolean anyIn(List<MigrationStatement> statements, DatabaseKind kind) {
        return statements.stream().anyMatch(s -> reason(s.sql(), kind).isPresent());
    }
}
