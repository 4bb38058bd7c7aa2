package dev.migratemcp.engine;

import dev.migratemcp.dialect.DatabaseKind;

import java.sql.SQLException;
import java.util.Locale;

/**
 * A database's refusal to run a statement inside a transaction block, and its fix. The engine takes a migration out
 * of its transaction by itself for the statements it knows ({@code NonTransactionalStatements}); this names the way
 * out when a file kept one in (a section's {@code transaction=true}) or holds one the engine does not know.
 */
final class TransactionBlockRefusal {

    /** PostgreSQL's SQLSTATE for "cannot run inside a transaction block" (active_sql_transaction). */
    private static final String ACTIVE_SQL_TRANSACTION = "25001";

    private TransactionBlockRefusal() {
    }

    static boolean is(DatabaseKind kind, SQLException e, String sqlState) {
        return switch (kind) {
            case POSTGRESQL -> ACTIVE_SQL_TRANSACTION.equals(sqlState);
            // "cannot VACUUM from within a transaction", "cannot change into wal mode from within a transaction"
            case SQLITE -> e.getMessage() != null
                    && e.getMessage().toLowerCase(Locale.ROOT).contains("from within a transaction");
            case MYSQL -> false; // MySQL migrations run statement by statement already
        };
    }

    static String hint(String file) {
        return "The database cannot run this statement inside a transaction block. Let the migration run outside one: "
                + "take transaction=true off its section, or add '-- migrate:no_transaction' to " + file
                + " (executeInTransaction=false in a Flyway script's .conf); it then runs statement by statement "
                + "with its progress recorded.";
    }
}
