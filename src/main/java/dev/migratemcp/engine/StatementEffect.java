package dev.migratemcp.engine;

import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationScript;
import dev.migratemcp.migration.MigrationStatement;
import dev.migratemcp.schema.SchemaSnapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a statement that ran outside any transaction took effect, read from the live schema: a run killed after
 * the server finished a DDL statement but before the history noted it leaves the row one statement short, and
 * only the schema can say which. The statement's text says what it creates, alters or drops (tables, indexes,
 * views, triggers, routines, columns, keys, constraints, renames); the schema then holds that or not. What the
 * text cannot settle (a procedure call, a clause we do not read) is {@link Outcome#UNKNOWN}, said so plainly.
 *
 * <p>A statement that would have failed had its effect already been there (CREATE TABLE of an existing table, ADD
 * COLUMN of an existing column) took effect exactly when its effect is there. IF [NOT] EXISTS forms are safe to run
 * again either way.
 */
final class StatementEffect {

    enum Outcome {
        /** It took effect: resume goes on after it, revert_partial undoes it. */
        TOOK_EFFECT,
        /** It did not: resume runs it, revert_partial leaves it out. */
        NO_EFFECT,
        /** Running it again gives the same schema (MODIFY, SET DEFAULT, OR REPLACE): resume runs it again. */
        RERUNNABLE,
        /** It failed or stopped part-way and left an invalid index behind (PostgreSQL CONCURRENTLY). */
        LEFT_INVALID_INDEX,
        /** The schema cannot say. */
        UNKNOWN
    }

    /**
     * @param cleanup statements that clear what it left behind before anything else runs (the invalid index)
     */
    record Effect(Outcome outcome, String reason, List<String> cleanup) {
        static Effect of(Outcome outcome, String reason) {
            return new Effect(outcome, reason, List.of());
        }
    }

    private final Dialect dialect;
    private final Connection connection;
    private final SchemaSnapshot live;
    private final DdlTokens t;

    private StatementEffect(Dialect dialect, Connection connection, SchemaSnapshot live, String sql) {
        this.dialect = dialect;
        this.connection = connection;
        this.live = live;
        this.t = DdlTokens.of(sql);
    }

    static Effect decide(Dialect dialect, Connection c, SchemaSnapshot live, String sql) throws SQLException {
        return new StatementEffect(dialect, c, live, sql).decide();
    }

    /**
     * What the live schema says of the history row's statement in doubt; null when no statement is in doubt.
     * Without the migration file the statement is unknown, and so is its effect.
     */
    static Effect ofRow(Dialect dialect, Connection c, SnapshotStore snapshots, HistoryRow row, Migration file)
            throws SQLException {
        if (row.statementStarted() == null) {
            return null;
        }
        MigrationStatement statement = statementInDoubt(row, file);
        if (statement == null) {
            return Effect.of(Outcome.UNKNOWN, "the migration file is not there to say what statement "
                    + row.statementStarted() + " was");
        }
        return decide(dialect, c, snapshots.live(c), statement.sql());
    }

    /** The public form of {@link #ofRow}'s answer, for status and repair; null when nothing is in doubt. */
    static StatementInDoubt describe(HistoryRow row, Migration file, Effect effect) {
        if (effect == null) {
            return null;
        }
        MigrationStatement statement = statementInDoubt(row, file);
        return new StatementInDoubt(row.statementStarted(), statement == null ? 0 : statement.line(),
                statement == null ? null : statement.sql(), effect.outcome().name().toLowerCase(Locale.ROOT),
                effect.reason());
    }

    private static MigrationStatement statementInDoubt(HistoryRow row, Migration file) {
        int k = row.statementStarted();
        Direction direction = "down".equals(row.direction()) ? Direction.DOWN : Direction.UP;
        return file == null ? null : file.script(direction).map(MigrationScript::statements)
                .filter(all -> k >= 1 && k <= all.size()).map(all -> all.get(k - 1)).orElse(null);
    }

    private Effect decide() throws SQLException {
        if (t.accept("CREATE")) {
            return create();
        }
        if (t.accept("DROP")) {
            return drop();
        }
        if (t.accept("ALTER", "TABLE")) {
            return alterTable();
        }
        if (t.accept("RENAME", "TABLE")) {
            return renameTables();
        }
        if (t.accept("TRUNCATE")) {
            return Effect.of(Outcome.RERUNNABLE, "emptying a table again leaves it as empty");
        }
        return unknown("it is not a CREATE, ALTER TABLE, DROP, RENAME or TRUNCATE statement");
    }

    private Effect create() throws SQLException {
        boolean orReplace = t.accept("OR", "REPLACE");
        // words between CREATE and the kind of object: UNIQUE, ALGORITHM = x, DEFINER = u, SQL SECURITY ...
        for (int skipped = 0; skipped < 12 && !t.atEnd(); skipped++) {
            String word = t.peek().word();
            if (word == null) {
                break;
            }
            switch (word) {
                case "TABLE" -> {
                    t.accept("TABLE");
                    t.accept("IF", "NOT", "EXISTS");
                    String name = t.name();
                    return name == null ? unknown("no table name") : present(table(name).isPresent(),
                            "table " + name);
                }
                case "INDEX" -> {
                    t.accept("INDEX");
                    return createIndex();
                }
                case "VIEW" -> {
                    t.accept("VIEW");
                    t.accept("IF", "NOT", "EXISTS");
                    String name = t.name();
                    boolean there = name != null && live.views().stream().anyMatch(v -> v.name().equalsIgnoreCase(name));
                    return name == null ? unknown("no view name") : orReplace && there ? replaced("view " + name)
                            : present(there, "view " + name);
                }
                case "TRIGGER" -> {
                    t.accept("TRIGGER");
                    t.accept("IF", "NOT", "EXISTS");
                    String name = t.name();
                    boolean there = name != null && live.triggers().stream()
                            .anyMatch(tr -> tr.name().equalsIgnoreCase(name));
                    return name == null ? unknown("no trigger name") : orReplace && there
                            ? replaced("trigger " + name) : present(there, "trigger " + name);
                }
                case "PROCEDURE", "FUNCTION" -> {
                    t.accept(word);
                    t.accept("IF", "NOT", "EXISTS");
                    String name = t.name();
                    boolean there = name != null && dialect.routineExists(connection, name);
                    return name == null ? unknown("no routine name") : orReplace && there
                            ? replaced("routine " + name) : present(there, "routine " + name);
                }
                case "TEMPORARY", "TEMP", "DATABASE", "SCHEMA", "SEQUENCE", "TYPE", "EXTENSION", "EVENT", "USER",
                     "ROLE" -> {
                    return unknown("the live schema we read holds no " + word.toLowerCase(Locale.ROOT));
                }
                default -> t.skip();
            }
        }
        return unknown("the kind of object it creates was not recognised");
    }

    private Effect createIndex() throws SQLException {
        boolean concurrently = t.accept("CONCURRENTLY");
        t.accept("IF", "NOT", "EXISTS");
        String name = t.name();
        if (name == null || name.equalsIgnoreCase("ON")) {
            return unknown("the index has no name");
        }
        if (concurrently && dialect.indexIsInvalid(connection, name)) {
            return new Effect(Outcome.LEFT_INVALID_INDEX, "index " + name + " exists but is INVALID: the build "
                    + "stopped part-way; it must be dropped before the statement can run again",
                    List.of(dropInvalidIndex(dialect, name)));
        }
        return present(indexExists(name), "index " + name);
    }

    private Effect drop() throws SQLException {
        t.accept("TEMPORARY");
        String kind = t.peek().word();
        if (kind == null || !List.of("TABLE", "VIEW", "INDEX", "TRIGGER", "PROCEDURE", "FUNCTION").contains(kind)) {
            return unknown("it drops something the live schema we read does not hold");
        }
        t.accept(kind);
        t.accept("CONCURRENTLY");
        boolean ifExists = t.accept("IF", "EXISTS");
        List<Boolean> gone = new ArrayList<>();
        List<String> names = new ArrayList<>();
        do {
            String name = t.name();
            if (name == null) {
                break;
            }
            names.add(name);
            gone.add(!switch (kind) {
                case "TABLE" -> table(name).isPresent();
                case "VIEW" -> live.views().stream().anyMatch(v -> v.name().equalsIgnoreCase(name));
                case "INDEX" -> indexExists(name);
                case "TRIGGER" -> live.triggers().stream().anyMatch(tr -> tr.name().equalsIgnoreCase(name));
                default -> dialect.routineExists(connection, name);
            });
        } while (t.accept(","));
        if (names.isEmpty()) {
            return unknown("no name to drop");
        }
        String what = kind.toLowerCase(Locale.ROOT) + " " + String.join(", ", names);
        if (gone.stream().allMatch(g -> g)) {
            return Effect.of(Outcome.TOOK_EFFECT, what + " no longer exists"
                    + (ifExists ? " (IF EXISTS: running it again is harmless)" : ""));
        }
        if (gone.stream().noneMatch(g -> g)) {
            return Effect.of(Outcome.NO_EFFECT, what + " still exists");
        }
        return unknown("some of " + what + " exist and some do not");
    }

    private Effect alterTable() throws SQLException {
        t.accept("ONLY");
        t.accept("IF", "EXISTS");
        String tableName = t.name();
        if (tableName == null) {
            return unknown("no table name");
        }
        List<Effect> clauses = new ArrayList<>();
        do {
            clauses.add(alterClause(tableName));
        } while (t.nextClause());
        return combine(clauses, "ALTER TABLE " + tableName);
    }

    /** One clause of ALTER TABLE; leaves the tokens anywhere inside the clause. */
    private Effect alterClause(String tableName) throws SQLException {
        Optional<SchemaSnapshot.TableInfo> table = table(tableName);
        if (t.accept("RENAME")) {
            if (t.accept("COLUMN")) {
                return renamed(table, "column");
            }
            if (t.accept("INDEX") || t.accept("KEY")) {
                return renamed(table, "index");
            }
            if (!t.accept("TO")) {
                t.accept("AS");
            }
            String to = t.name();
            return to == null ? unknown("no new name") : renamedTable(tableName, to);
        }
        if (table.isEmpty()) {
            return unknown("table " + tableName + " does not exist");
        }
        SchemaSnapshot.TableInfo info = table.get();
        if (t.accept("ADD")) {
            return add(info);
        }
        if (t.accept("DROP")) {
            return dropPart(info);
        }
        if (t.accept("MODIFY") || t.accept("ALTER")) {
            return Effect.of(Outcome.RERUNNABLE, "changing a column's definition again gives the same column");
        }
        if (t.accept("CHANGE")) {
            t.accept("COLUMN");
            String from = t.name();
            String to = t.name();
            if (from == null || to == null) {
                return unknown("CHANGE without two column names");
            }
            if (from.equalsIgnoreCase(to)) {
                return Effect.of(Outcome.RERUNNABLE, "changing a column's definition again gives the same column");
            }
            return renamedBetween(hasColumn(info, from), hasColumn(info, to), "column " + from, "column " + to);
        }
        String word = t.peek().word();
        if (word != null && List.of("ENGINE", "COMMENT", "CONVERT", "DEFAULT", "CHARACTER", "CHARSET", "COLLATE",
                "AUTO_INCREMENT", "ROW_FORMAT", "FORCE", "ALGORITHM", "LOCK", "OWNER", "SET").contains(word)) {
            return Effect.of(Outcome.RERUNNABLE, "setting a table option again gives the same table");
        }
        return unknown("the clause " + t.peek().text() + " ... of ALTER TABLE is not one we read");
    }

    private Effect add(SchemaSnapshot.TableInfo table) throws SQLException {
        if (t.accept("CONSTRAINT")) {
            String name = t.name();
            if (name == null) {
                return unknown("a constraint without a name");
            }
            return present(dialect.constraintExists(connection, table.name(), name) || hasIndex(table, name),
                    "constraint " + name);
        }
        if (t.accept("PRIMARY", "KEY")) {
            List<String> columns = t.nameList();
            if (table.primaryKey().isEmpty()) {
                return Effect.of(Outcome.NO_EFFECT, "table " + table.name() + " has no primary key");
            }
            return columns != null && sameNames(columns, table.primaryKey())
                    ? Effect.of(Outcome.TOOK_EFFECT, "the primary key of " + table.name() + " is " + columns)
                    : unknown("table " + table.name() + " has another primary key");
        }
        if (t.accept("FOREIGN", "KEY")) {
            List<String> columns = t.nameList();
            return columns == null ? unknown("a foreign key without columns")
                    : present(table.foreignKeys().stream().anyMatch(fk -> sameNames(fk.columns(), columns)),
                    "a foreign key on " + columns);
        }
        t.accept("UNIQUE");
        t.accept("FULLTEXT");
        t.accept("SPATIAL");
        if (t.accept("INDEX") || t.accept("KEY")) {
            t.accept("IF", "NOT", "EXISTS");
            String name = t.name();
            return name == null ? unknown("an index without a name") : present(hasIndex(table, name),
                    "index " + name);
        }
        if (t.peek().is("CHECK") || t.peek().is("PARTITION")) {
            return unknown("ADD " + t.peek().text() + " is not one we read");
        }
        t.accept("COLUMN");
        t.accept("IF", "NOT", "EXISTS");
        String column = t.name();
        return column == null ? unknown("ADD without a column name") : present(hasColumn(table, column),
                "column " + table.name() + "." + column);
    }

    private Effect dropPart(SchemaSnapshot.TableInfo table) throws SQLException {
        if (t.accept("PRIMARY", "KEY")) {
            return gone(table.primaryKey().isEmpty(), "the primary key of " + table.name());
        }
        if (t.accept("FOREIGN", "KEY") || t.accept("CONSTRAINT") || t.accept("CHECK")) {
            t.accept("IF", "EXISTS");
            String name = t.name();
            return name == null ? unknown("no constraint name") : gone(!dialect.constraintExists(connection,
                    table.name(), name) && !hasIndex(table, name), "constraint " + name);
        }
        if (t.accept("INDEX") || t.accept("KEY")) {
            t.accept("IF", "EXISTS");
            String name = t.name();
            return name == null ? unknown("no index name") : gone(!hasIndex(table, name), "index " + name);
        }
        if (t.peek().is("PARTITION")) {
            return unknown("DROP PARTITION is not one we read");
        }
        t.accept("COLUMN");
        t.accept("IF", "EXISTS");
        String column = t.name();
        return column == null ? unknown("DROP without a column name") : gone(!hasColumn(table, column),
                "column " + table.name() + "." + column);
    }

    private Effect renamed(Optional<SchemaSnapshot.TableInfo> table, String kind) {
        String from = t.name();
        t.accept("TO");
        String to = t.name();
        if (table.isEmpty() || from == null || to == null) {
            return unknown("a rename whose table or names are not there");
        }
        boolean column = kind.equals("column");
        boolean fromThere = column ? hasColumn(table.get(), from) : hasIndex(table.get(), from);
        boolean toThere = column ? hasColumn(table.get(), to) : hasIndex(table.get(), to);
        return renamedBetween(fromThere, toThere, kind + " " + from, kind + " " + to);
    }

    private Effect renamedTable(String from, String to) {
        return renamedBetween(table(from).isPresent(), table(to).isPresent(), "table " + from, "table " + to);
    }

    private Effect renameTables() {
        List<Effect> renames = new ArrayList<>();
        do {
            String from = t.name();
            if (!t.accept("TO")) {
                return unknown("RENAME TABLE without TO");
            }
            String to = t.name();
            if (from == null || to == null) {
                return unknown("RENAME TABLE without names");
            }
            renames.add(renamedTable(from, to));
        } while (t.accept(","));
        return combine(renames, "RENAME TABLE");
    }

    private static Effect renamedBetween(boolean fromThere, boolean toThere, String from, String to) {
        if (!fromThere && toThere) {
            return Effect.of(Outcome.TOOK_EFFECT, from + " is gone and " + to + " exists");
        }
        if (fromThere && !toThere) {
            return Effect.of(Outcome.NO_EFFECT, from + " still exists and " + to + " does not");
        }
        return unknown(fromThere ? "both " + from + " and " + to + " exist" : "neither " + from + " nor " + to
                + " exists");
    }

    /** All clauses of one statement: they took effect together or not at all (MySQL's DDL is atomic). */
    private static Effect combine(List<Effect> parts, String what) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<String> reasons = parts.stream().map(Effect::reason).toList();
        String all = what + ": " + String.join("; ", reasons);
        if (parts.stream().anyMatch(p -> p.outcome() == Outcome.UNKNOWN)) {
            return unknown(all);
        }
        boolean some = parts.stream().anyMatch(p -> p.outcome() == Outcome.TOOK_EFFECT);
        boolean none = parts.stream().anyMatch(p -> p.outcome() == Outcome.NO_EFFECT);
        if (some && none) {
            return unknown("its clauses disagree: " + all);
        }
        return Effect.of(some ? Outcome.TOOK_EFFECT : none ? Outcome.NO_EFFECT : Outcome.RERUNNABLE, all);
    }

    private static String dropInvalidIndex(Dialect dialect, String index) {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + dialect.quote(index);
    }

    private static Effect present(boolean there, String what) {
        return there ? Effect.of(Outcome.TOOK_EFFECT, what + " exists")
                : Effect.of(Outcome.NO_EFFECT, what + " does not exist");
    }

    private static Effect gone(boolean gone, String what) {
        return gone ? Effect.of(Outcome.TOOK_EFFECT, what + " no longer exists")
                : Effect.of(Outcome.NO_EFFECT, what + " still exists");
    }

    private static Effect replaced(String what) {
        return Effect.of(Outcome.RERUNNABLE, what + " exists, and replacing it again gives the same " + what);
    }

    private static Effect unknown(String why) {
        return Effect.of(Outcome.UNKNOWN, "whether it took effect cannot be read from the schema: " + why);
    }

    private Optional<SchemaSnapshot.TableInfo> table(String name) {
        return live.tables().stream().filter(x -> x.name().equalsIgnoreCase(name)).findFirst();
    }

    private boolean indexExists(String name) {
        return live.tables().stream().anyMatch(x -> hasIndex(x, name));
    }

    private static boolean hasIndex(SchemaSnapshot.TableInfo table, String name) {
        return table.indexes().stream().anyMatch(i -> i.name().equalsIgnoreCase(name));
    }

    private static boolean hasColumn(SchemaSnapshot.TableInfo table, String name) {
        return table.columns().stream().anyMatch(col -> col.name().equalsIgnoreCase(name));
    }

    private static boolean sameNames(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equalsIgnoreCase(b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
