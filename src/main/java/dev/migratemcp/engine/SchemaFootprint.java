package dev.migratemcp.engine;

import dev.migratemcp.migration.MigrationStatement;
import dev.migratemcp.schema.SchemaSnapshot.TableInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The tables a migration's statements change, read from the statements' leading words, so that the schema after it
 * can be had by re-reading those tables alone (see {@link SnapshotRun}). Only forms whose effect stays on the
 * tables they name are understood: data statements (no table changes), CREATE/ALTER/DROP TABLE and CREATE/DROP INDEX.
 * Anything else (views, triggers, functions, renames, CASCADE, partitions, executable comments...) makes the answer
 * unknown, and the caller reads the whole schema: a table re-read needlessly costs a little time, a table missed
 * would give a wrong reference, so every doubt counts as unknown.
 */
final class SchemaFootprint {

    private static final Set<String> DATA = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "TRUNCATE");
    /**
     * Words that, anywhere in an ALTER TABLE, may reach beyond the table named: a rename rewrites the views, triggers
     * and foreign keys naming it (SQLite, MySQL), CASCADE drops what depends on a column or constraint, a
     * partition changes its parent or its children, SET SCHEMA moves the table to another schema, and ENABLE or
     * DISABLE TRIGGER changes a trigger, not the table (PostgreSQL). In a CREATE TABLE only a partition can.
     */
    private static final Pattern ALTER_REACHES_FURTHER = Pattern.compile(
            "(?i)\\b(RENAME|CASCADE|PARTITION|SET\\s+SCHEMA|TRIGGER)\\b");
    private static final Pattern CREATE_REACHES_FURTHER = Pattern.compile("(?i)\\bPARTITION\\b");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_$]+");

    private SchemaFootprint() {
    }

    /**
     * The lower-cased names of the tables the statements create, alter or drop (empty for data statements only), or
     * empty when that cannot be told from the statements.
     *
     * @param before the tables before the statements ran, to find the table of an index dropped by name
     */
    static Optional<Set<String>> of(List<MigrationStatement> statements, Collection<TableInfo> before) {
        return of(statements, before, Set.of());
    }

    /**
     * As above, where the snapshot also covers {@code otherSchemas} (PostgreSQL): a statement naming any of them
     * makes the answer unknown, since only the connection's own schema's tables are re-read by name.
     */
    static Optional<Set<String>> of(List<MigrationStatement> statements, Collection<TableInfo> before,
                                    Set<String> otherSchemas) {
        Set<String> tables = new TreeSet<>();
        for (MigrationStatement st : statements) {
            if (SchemaQualifiers.named(st.sql(), otherSchemas) || !touched(st.sql(), before, tables)) {
                return Optional.empty();
            }
        }
        return Optional.of(tables);
    }

    /** Adds the tables one statement touches; false when the statement is not understood. */
    private static boolean touched(String sql, Collection<TableInfo> before, Set<String> tables) {
        Words w = new Words(sql);
        String verb = w.keyword();
        if (DATA.contains(verb)) {
            return true;
        }
        return switch (verb) {
            case "CREATE" -> create(w, sql, tables);
            case "ALTER" -> w.keyword().equals("TABLE") && !ALTER_REACHES_FURTHER.matcher(sql).find()
                    && addName(w.skip("IF", "EXISTS", "ONLY").name(), tables);
            case "DROP" -> drop(w, before, tables);
            default -> false;
        };
    }

    private static boolean create(Words w, String sql, Set<String> tables) {
        String kind = w.skip("GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "UNIQUE", "FULLTEXT", "SPATIAL")
                .keyword();
        if (kind.equals("TABLE")) {
            return !CREATE_REACHES_FURTHER.matcher(sql).find() && addName(w.skip("IF", "NOT", "EXISTS").name(), tables);
        }
        if (!kind.equals("INDEX")) {
            return false;
        }
        // CREATE INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] [USING ...] ON [ONLY] table
        for (int i = 0; i < 8; i++) {
            String word = w.keyword();
            if (word.equals("ON")) {
                return addName(w.skip("ONLY").name(), tables);
            }
            if (word.isEmpty() || word.equals("(")) {
                return false;
            }
        }
        return false;
    }

    private static boolean drop(Words w, Collection<TableInfo> before, Set<String> tables) {
        String kind = w.keyword();
        if (!kind.equals("TABLE") && !kind.equals("INDEX")) {
            return false;
        }
        w.skip("CONCURRENTLY", "IF", "EXISTS");
        List<String> names = new ArrayList<>();
        do {
            String name = w.name();
            if (name == null) {
                return false;
            }
            names.add(name);
        } while (w.comma());
        String rest = w.keyword();
        if (kind.equals("INDEX") && rest.equals("ON")) { // MySQL: DROP INDEX name ON table
            return addName(w.name(), tables);
        }
        if (!rest.isEmpty() && !rest.equals("RESTRICT")) {
            return false;
        }
        if (kind.equals("TABLE")) {
            return names.stream().allMatch(n -> addName(n, tables));
        }
        for (String index : names) {
            String table = before.stream()
                    .filter(t -> t.indexes().stream().anyMatch(ix -> ix.name().equalsIgnoreCase(index)))
                    .map(TableInfo::name).findFirst().orElse(null);
            if (!addName(table, tables)) {
                return false;
            }
        }
        return true;
    }

    private static boolean addName(String name, Set<String> tables) {
        if (name == null || !PLAIN_NAME.matcher(name).matches()) {
            return false;
        }
        tables.add(name.toLowerCase(Locale.ROOT));
        return true;
    }

    /** The statement's words from its start: keywords upper-cased, names unquoted, comments skipped. */
    static final class Words {
        private final String sql;
        private int at;

        Words(String sql) {
            this.sql = sql;
        }

        /** The next bare word upper-cased, a single punctuation character, or "" at the end. */
        String keyword() {
            space();
            if (at >= sql.length()) {
                return "";
            }
            int start = at;
            while (at < sql.length() && isWordChar(sql.charAt(at))) {
                at++;
            }
            if (at == start) {
                at++;
            }
            return sql.substring(start, at).toUpperCase(Locale.ROOT);
        }

        /** Skips the given keywords wherever they come next, in any order. */
        Words skip(String... words) {
            while (true) {
                int mark = at;
                String next = keyword();
                if (!List.of(words).contains(next)) {
                    at = mark;
                    return this;
                }
            }
        }

        /** A possibly quoted, possibly qualified name: its last part, unquoted; null when there is none. */
        String name() {
            String part;
            do {
                part = part();
                if (part == null) {
                    return null;
                }
            } while (dot());
            return part;
        }

        /**
         * A possibly quoted, possibly qualified name, each part as PostgreSQL reads it (unquoted parts lower-cased);
         * empty when there is none.
         */
        List<String> folded() {
            List<String> parts = new ArrayList<>();
            do {
                space();
                boolean quoted = at < sql.length() && "\"`[".indexOf(sql.charAt(at)) >= 0;
                String part = part();
                if (part == null) {
                    return List.of();
                }
                parts.add(quoted ? part : part.toLowerCase(Locale.ROOT));
            } while (dot());
            return parts;
        }

        boolean comma() {
            return punctuation(',');
        }

        private boolean dot() {
            return punctuation('.');
        }

        private boolean punctuation(char c) {
            space();
            if (at < sql.length() && sql.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private String part() {
            space();
            if (at >= sql.length()) {
                return null;
            }
            char open = sql.charAt(at);
            char close = switch (open) {
                case '"' -> '"';
                case '`' -> '`';
                case '[' -> ']';
                default -> 0;
            };
            if (close != 0) {
                int end = sql.indexOf(close, at + 1);
                if (end < 0) {
                    return null;
                }
                String name = sql.substring(at + 1, end);
                at = end + 1;
                return name;
            }
            int start = at;
            while (at < sql.length() && isWordChar(sql.charAt(at))) {
                at++;
            }
            return at == start ? null : sql.substring(start, at);
        }

        /** Skips white space and comments; an executable comment (MySQL's {@code /*!}) is not skipped. */
        private void space() {
            while (at < sql.length()) {
                char c = sql.charAt(at);
                if (Character.isWhitespace(c)) {
                    at++;
                } else if (sql.startsWith("--", at)) {
                    int end = sql.indexOf('\n', at);
                    at = end < 0 ? sql.length() : end + 1;
                } else if (sql.startsWith("/*", at) && !sql.startsWith("/*!", at) && !sql.startsWith("/*M!", at)) {
                    int end = sql.indexOf("*/", at + 2);
                    at = end < 0 ? sql.length() : end + 2;
                } else {
                    return;
                }
            }
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
    }
}
