package dev.migratemcp.engine;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.migration.NonTransactionalStatements;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a statement for what could go wrong when it runs: data it destroys, conditions under which it fails, locks
 * that stall the application, changes that cannot be rolled back. It reads the SQL's text, so it warns about what the
 * statement says; a reviewer still reads the statement.
 */
final class RiskAnalyzer {

    private static final Pattern DROP_TABLE = Pattern.compile("^DROP TABLE");
    private static final Pattern DROP_COLUMN = Pattern.compile(
            "^ALTER TABLE \\S+ DROP (COLUMN )?(?!CONSTRAINT|INDEX|KEY|FOREIGN|PRIMARY|CHECK|PARTITION)");
    private static final Pattern TRUNCATE = Pattern.compile("^TRUNCATE");
    private static final Pattern DELETE_ALL = Pattern.compile("^DELETE FROM \\S+\\s*$");
    private static final Pattern UPDATE_ALL = Pattern.compile("^UPDATE \\S+ SET (?!.*\\bWHERE\\b).*$");
    private static final Pattern TYPE_CHANGE = Pattern.compile(
            "^ALTER TABLE \\S+ (ALTER (COLUMN )?\\S+ (SET DATA )?TYPE|MODIFY|CHANGE)\\b");
    private static final Pattern ADD_NOT_NULL = Pattern.compile("^ALTER TABLE \\S+ ADD (COLUMN )?.*\\bNOT NULL\\b");
    private static final Pattern HAS_DEFAULT = Pattern.compile("\\bDEFAULT\\b");
    private static final Pattern UNIQUE_INDEX = Pattern.compile("^CREATE UNIQUE INDEX|^ALTER TABLE \\S+ ADD (CONSTRAINT \\S+ )?UNIQUE");
    private static final Pattern CREATE_INDEX = Pattern.compile("^CREATE (UNIQUE )?INDEX (?!CONCURRENTLY)");
    private static final Pattern ALTER_TABLE = Pattern.compile("^ALTER TABLE");
    private static final Pattern DDL = Pattern.compile("^(CREATE|ALTER|DROP|RENAME|TRUNCATE)\\b");
    private static final Pattern RENAME_TABLE = Pattern.compile("^ALTER TABLE \\S+ RENAME TO");

    private RiskAnalyzer() {
    }

    /**
     * @param transactional whether the statement runs inside its migration's transaction
     */
    static List<Risk> analyse(String statement, DatabaseKind kind, boolean transactional) {
        String sql = statement.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        List<Risk> risks = new ArrayList<>();
        if (DROP_TABLE.matcher(sql).find()) {
            risks.add(new Risk("data_loss", "drops a table with all its rows"));
        } else if (DROP_COLUMN.matcher(sql).find()) {
            risks.add(new Risk("data_loss", "drops a column and the values in it"));
            if (kind == DatabaseKind.SQLITE) {
                risks.add(new Risk("table_rebuild", "SQLite rewrites the whole table to drop a column"));
            }
        } else if (TRUNCATE.matcher(sql).find()) {
            risks.add(new Risk("data_loss", "empties the table"));
        } else if (DELETE_ALL.matcher(sql).find()) {
            risks.add(new Risk("data_loss", "DELETE without WHERE removes every row"));
        } else if (UPDATE_ALL.matcher(sql).find()) {
            risks.add(new Risk("data_loss", "UPDATE without WHERE overwrites every row"));
        }
        if (TYPE_CHANGE.matcher(sql).find()) {
            risks.add(new Risk("data_loss", "changes a column's type: a narrower type truncates values or fails"));
            risks.add(new Risk("long_lock", kind == DatabaseKind.MYSQL
                    ? "may copy the whole table while writes wait" : "rewrites the table under an exclusive lock"));
        }
        if (ADD_NOT_NULL.matcher(sql).find() && !HAS_DEFAULT.matcher(sql).find()) {
            risks.add(new Risk("fails_if_not_empty", "adds a NOT NULL column without a default: fails when the "
                    + "table has rows"));
        }
        if (UNIQUE_INDEX.matcher(sql).find()) {
            risks.add(new Risk("fails_if_not_empty", "adds a unique index: fails when existing rows hold "
                    + "duplicates"));
        }
        if (kind == DatabaseKind.POSTGRESQL && CREATE_INDEX.matcher(sql).find()) {
            risks.add(new Risk("long_lock", "builds the index while blocking writes to the table; on a large table "
                    + "use CREATE INDEX CONCURRENTLY (its migration then runs outside a transaction)"));
        }
        if (kind == DatabaseKind.SQLITE && RENAME_TABLE.matcher(sql).find()) {
            risks.add(new Risk("table_rebuild", "part of a table rebuild (new table, copy, drop, rename)"));
        }
        Optional<String> refusedInTransaction = NonTransactionalStatements.reason(statement, kind);
        if (refusedInTransaction.isPresent()) {
            risks.add(new Risk("not_transactional", refusedInTransaction.get() + (transactional
                    ? ", but its section says transaction=true: it will fail until that goes"
                    : ": so this migration runs outside a transaction, statement by statement with its progress "
                    + "recorded, and what ran before a failure stays")));
        } else if (DDL.matcher(sql).find() && (kind == DatabaseKind.MYSQL || !transactional)) {
            risks.add(new Risk("not_transactional", kind == DatabaseKind.MYSQL
                    ? "MySQL commits DDL as it runs: it cannot be rolled back if a later statement fails"
                    : "runs outside a transaction: it cannot be rolled back if a later statement fails"));
        }
        if (kind == DatabaseKind.MYSQL && ALTER_TABLE.matcher(sql).find() && sql.contains(" PRIMARY KEY")) {
            risks.add(new Risk("long_lock", "changing a primary key copies the whole table"));
        }
        return risks;
    }
}
