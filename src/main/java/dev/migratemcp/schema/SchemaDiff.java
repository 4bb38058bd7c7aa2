package dev.migratemcp.schema;

import dev.migratemcp.schema.SchemaSnapshot.CheckInfo;
import dev.migratemcp.schema.SchemaSnapshot.ColumnInfo;
import dev.migratemcp.schema.SchemaSnapshot.ExtensionInfo;
import dev.migratemcp.schema.SchemaSnapshot.ForeignKeyInfo;
import dev.migratemcp.schema.SchemaSnapshot.IdentityInfo;
import dev.migratemcp.schema.SchemaSnapshot.IndexInfo;
import dev.migratemcp.schema.SchemaSnapshot.RoutineInfo;
import dev.migratemcp.schema.SchemaSnapshot.SequenceInfo;
import dev.migratemcp.schema.SchemaSnapshot.TableInfo;
import dev.migratemcp.schema.SchemaSnapshot.TriggerInfo;
import dev.migratemcp.schema.SchemaSnapshot.TypeInfo;
import dev.migratemcp.schema.SchemaSnapshot.ViewInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What differs between the schema a database should have (the snapshot recorded when it reached its version) and
 * the one it has: each table, column, index, foreign key, CHECK constraint, view, trigger, routine, sequence and type
 * that is missing, extra or changed, named precisely enough to act on, once per object, with the attributes that
 * changed.
 *
 * <p>A snapshot of an older format (recorded by a version that did not read the newer attributes) is compared on what
 * it has: the attributes and kinds of object it could not record are left out of the comparison rather than
 * reported, so an upgrade alone reports no drift. The next snapshot recorded for the database is complete. Format 2
 * read CHECK constraints and routines on PostgreSQL only (and MySQL's CHECKs): a format 2 snapshot without any CHECK
 * (or any routine) may not have looked for them, so they are then left out too. Format 1 and 2 do not say which
 * schemas they covered: only the connection's own is compared.
 *
 * <p>Routines' options are compared from format 4 on, whether a view is materialized from format 5 on, identity
 * columns' options from format 6 on, the comments of views, routines and types from format 7 on. Before format 8
 * SQLite marked any lone integer primary key auto-numbered ({@code INT PRIMARY KEY} too, and in a {@code WITHOUT
 * ROWID} table): against such a record, a lone integer key recorded auto-numbered and read plain (not an identity)
 * is taken as it was recorded. Format 9 adds serial columns' own sequences' options, the comments of sequences,
 * triggers, CHECK and exclusion constraints, SQLite's AUTOINCREMENT keyword and SQLite's nullable primary-key
 * columns: against an older record, a live primary-key column read nullable where NOT NULL was recorded is taken as
 * recorded (SQLite recorded every key column NOT NULL). Before format 10 SQLite's expression index keys were
 * recorded without their expression ({@code (expression -2)}); such a key is taken as recorded. The comments of
 * indexes and of primary-key, unique and foreign-key constraints are compared from format 11 on, the comments of the
 * other schemas covered from format 12 on. MariaDB's sequences are read from format 13 on: an older record without
 * any sequence may not have looked for them (PostgreSQL's did), so sequences are then left out, as CHECKs of format
 * 2 are. PostgreSQL columns' collations are read from format 14 on: against an older record, a column recorded
 * without a collation is compared without the live one. A PostgreSQL trigger's firing state (disabled, replica,
 * always) is compared from format 15 on.
 *
 * <p>A schema (PostgreSQL) missing or extra is one difference, not one per object in it.
 */
public final class SchemaDiff {

    /**
     * @param kind     e.g. table_missing, column_extra, column_changed, index_changed, foreign_key_missing, view_changed
     * @param object   the object, qualified by its table where it has one (table.column, table.index)
     * @param expected what the recorded schema says (null when the object should not exist)
     * @param actual   what the live schema has (null when it is missing)
     */
    public record Difference(String kind, String object, String expected, String actual, String message) {
    }

    private final List<Difference> out = new ArrayList<>();
    /** Whether the expected snapshot carries only format 1's attributes. */
    private final boolean legacy;
    /** Whether it carries format 3's: other schemas, extensions, comments, partitioning, exclusions, index methods. */
    private final boolean current;
    /** Whether its CHECK constraints are compared (see the class comment for format 2). */
    private final boolean checks;
    /** Whether identity columns' options are compared (format 6 on). */
    private final boolean identities;
    /** Whether SQLite's rowid alias was recorded exactly (format 8 on). */
    private final boolean rowidAliasExact;
    /** Whether format 9's attributes are compared (see the class comment). */
    private final boolean sinceFormat9;
    /** Whether SQLite's expression index keys were recorded by their expressions (format 10 on). */
    private final boolean expressionKeys;
    /** Whether PostgreSQL columns' collations were recorded (format 14 on). */
    private final boolean postgresCollations;
    /** Whether the comments of indexes and of primary-key, unique and foreign-key constraints are (format 11 on). */
    private final boolean keyComments;
    /** A PostgreSQL trigger's firing state, at the end of its definition from format 15 on. */
    private static final java.util.regex.Pattern FIRING = java.util.regex.Pattern.compile(
            " (" + SchemaSnapshot.TRIGGER_DISABLED + "|ENABLE REPLICA|ENABLE ALWAYS)$");
    /** How SQLite's expression keys were recorded before format 10. */
    private static final java.util.regex.Pattern UNNAMED_EXPRESSION = java.util.regex.Pattern.compile(
            "\\(expression -?\\d+\\)( DESC)?");

    private SchemaDiff(SchemaSnapshot expected) {
        this.legacy = expected.format() < 2;
        this.current = expected.format() >= 3;
        this.identities = expected.format() >= 6;
        this.rowidAliasExact = expected.format() >= 8;
        this.sinceFormat9 = expected.format() >= 9;
        this.expressionKeys = expected.format() >= 10;
        this.keyComments = expected.format() >= 11;
        this.postgresCollations = expected.format() >= 14;
        this.checks = current || !legacy && expected.tables().stream().anyMatch(t -> !t.checks().isEmpty());
    }

    public static List<Difference> between(SchemaSnapshot recorded, SchemaSnapshot live) {
        SchemaDiff diff = new SchemaDiff(recorded);
        SchemaSnapshot expected = recorded;
        SchemaSnapshot actual = live;
        if (diff.current) {
            List<String> gone = recorded.schemas().stream().filter(s -> !live.schemas().contains(s)).toList();
            List<String> extra = live.schemas().stream().filter(s -> !recorded.schemas().contains(s)).toList();
            gone.forEach(s -> diff.add("schema_missing", s, "present", null, "schema " + s + " is missing"));
            extra.forEach(s -> diff.add("schema_extra", s, null, "present", "schema " + s
                    + " exists but no migration created it"));
            if (recorded.format() >= 12) {
                recorded.schemas().stream().filter(live.schemas()::contains).forEach(s -> {
                    String want = recorded.schemaComments().get(s);
                    String have = live.schemaComments().get(s);
                    if (!Objects.equals(want, have)) {
                        diff.add("schema_changed", s, "comment=" + want, "comment=" + have, "schema " + s
                                + " changed: comment " + have + " instead of " + want);
                    }
                });
            }
            List<String> whole = new ArrayList<>(gone);
            whole.addAll(extra);
            expected = expected.withoutSchemas(whole);
            actual = actual.withoutSchemas(whole);
        } else {
            // older formats did not say which schemas they covered: the connection's own is compared (a snapshot
            // carried through a run, format 1, may hold other schemas' tables, read whole between its versions)
            expected = expected.withoutSchemas(live.schemas());
            actual = actual.withoutSchemas(live.schemas());
        }
        diff.tables(expected.tables(), actual.tables());
        List<ViewInfo> liveViews = recorded.format() >= 5 ? actual.views() : actual.views().stream()
                .map(v -> new ViewInfo(v.name(), v.definition().startsWith(SchemaSnapshot.MATERIALIZED)
                        ? v.definition().substring(SchemaSnapshot.MATERIALIZED.length()) : v.definition(),
                        v.comment())).toList();
        boolean comments = recorded.format() >= 7;
        diff.attributed("view", expected.views(), liveViews, ViewInfo::name, "", v -> comments
                ? attributes("definition", v.definition(), "comment", v.comment())
                : attributes("definition", v.definition()));
        // PostgreSQL names triggers per table (many tables may have a trigger of one name): table.trigger; before
        // format 15 its firing state was not read
        List<TriggerInfo> liveTriggers = recorded.format() >= 15 ? actual.triggers() : actual.triggers().stream()
                .map(t -> new TriggerInfo(t.name(), t.table(), FIRING.matcher(t.definition()).replaceFirst(""),
                        t.comment())).toList();
        diff.attributed("trigger", expected.triggers(), liveTriggers, t -> t.table() + "." + t.name(), "",
                t -> diff.withComment(attributes("definition", t.definition()), t.comment()));
        if (!diff.legacy) {
            if (diff.current || !expected.routines().isEmpty()) {
                boolean options = recorded.format() >= 4;
                diff.attributed("routine", expected.routines(), actual.routines(), RoutineInfo::signature, "",
                        r -> attributes(r, options, comments));
            }
            // MariaDB's sequences are read from format 13 on: an older record without any may not have looked
            if (recorded.format() >= 13 || !expected.sequences().isEmpty()) {
                diff.attributed("sequence", expected.sequences(), actual.sequences(), SequenceInfo::name, "",
                        q -> diff.withComment(attributes(q), q.comment()));
            }
            diff.attributed("type", expected.types(), actual.types(), TypeInfo::name, "", t -> comments
                    ? attributes("kind", t.kind(), "definition", t.definition(), "comment", t.comment())
                    : attributes("kind", t.kind(), "definition", t.definition()));
        }
        if (diff.current) {
            diff.attributed("extension", expected.extensions(), actual.extensions(), ExtensionInfo::name, "",
                    e -> attributes("version", e.version()));
        }
        return diff.out;
    }

    private void tables(List<TableInfo> expected, List<TableInfo> actual) {
        Map<String, TableInfo> live = byName(actual, TableInfo::name);
        for (TableInfo want : expected) {
            TableInfo have = live.remove(want.name());
            if (have == null) {
                add("table_missing", want.name(), "present", null, "table " + want.name() + " is missing");
                continue;
            }
            columns(want, have);
            if (!want.primaryKey().equals(have.primaryKey())) {
                add("primary_key_changed", want.name(), String.valueOf(want.primaryKey()),
                        String.valueOf(have.primaryKey()), "primary key of " + want.name() + " is "
                                + have.primaryKey() + ", expected " + want.primaryKey());
            } else if (keyComments && !Objects.equals(want.primaryKeyComment(), have.primaryKeyComment())) {
                add("primary_key_changed", want.name(), "comment=" + want.primaryKeyComment(), "comment="
                        + have.primaryKeyComment(), "primary key of " + want.name() + " changed: comment "
                        + have.primaryKeyComment() + " instead of " + want.primaryKeyComment());
            }
            named("index", comparable(want.indexes()), comparable(expressionKeys ? have.indexes()
                    : withUnnamedExpressions(want.indexes(), have.indexes())), IndexInfo::name,
                    want.name() + ".", SchemaDiff::describe);
            foreignKeys(want, have);
            if (checks) {
                attributed("check", want.checks(), have.checks(), CheckInfo::name, want.name() + ".",
                        k -> withComment(attributes("clause", k.clause()), k.comment()));
            }
            if (current) {
                attributed("exclusion", want.exclusions(), have.exclusions(), CheckInfo::name, want.name() + ".",
                        k -> withComment(attributes("definition", k.clause()), k.comment()));
                List<String> what = new ArrayList<>();
                changed(what, "comment", want.comment(), have.comment());
                changed(what, "partitioning", want.partitioning(), have.partitioning());
                if (!what.isEmpty()) {
                    add("table_changed", want.name(), attributes(want), attributes(have), "table " + want.name()
                            + " changed: " + String.join(", ", what));
                }
            }
        }
        for (TableInfo extra : live.values()) {
            add("table_extra", extra.name(), null, "present", "table " + extra.name()
                    + " exists but no migration created it");
        }
    }

    private void columns(TableInfo want, TableInfo have) {
        Map<String, ColumnInfo> live = byName(have.columns(), ColumnInfo::name);
        for (ColumnInfo w : want.columns()) {
            ColumnInfo h = live.remove(w.name());
            String object = want.name() + "." + w.name();
            if (h == null) {
                add("column_missing", object, describe(w), null, "column " + object + " is missing");
                continue;
            }
            // a type recorded before an alias was given its one spelling (int8 before bigint) reads as it would now
            w = withType(w, Normalise.type(w.type()));
            h = withType(h, Normalise.type(h.type()));
            if (legacy) {
                h = asFormat1(h, w);
                w = new ColumnInfo(w.name(), w.type(), w.nullable(), w.defaultValue(), w.autoIncrement());
            } else if (!current) {
                h = withoutComment(h);
                w = withoutComment(w);
            } else if (!identities) {
                h = withIdentity(h, null);
                w = withIdentity(w, null);
            }
            if (!sinceFormat9) {
                h = asFormat8(h, w, have);
            }
            if (!postgresCollations && w.collation() == null && h.collation() != null) {
                h = withCollation(h, null); // PostgreSQL's collations are read from format 14 on
            }
            if (!rowidAliasExact && w.autoIncrement() && !h.autoIncrement() && w.identity() == null
                    && h.type().equals("integer") && have.primaryKey().equals(List.of(h.name()))) {
                h = withAutoIncrement(h); // see the class comment
            }
            if (!w.equals(h)) {
                List<String> what = new ArrayList<>();
                if (!w.type().equals(h.type())) {
                    what.add("type " + h.type() + " instead of " + w.type());
                }
                if (w.nullable() != h.nullable()) {
                    what.add(h.nullable() ? "nullable instead of NOT NULL" : "NOT NULL instead of nullable");
                }
                if (!Objects.equals(w.defaultValue(), h.defaultValue())) {
                    what.add("default " + h.defaultValue() + " instead of " + w.defaultValue());
                }
                if (w.autoIncrement() != h.autoIncrement()) {
                    what.add(h.autoIncrement() ? "auto-increment added" : "auto-increment removed");
                }
                if (!w.autoincrementKeyword().equals(h.autoincrementKeyword())) {
                    what.add(h.autoincrementKeyword() ? "AUTOINCREMENT added" : "AUTOINCREMENT removed");
                }
                changed(what, "generated", w.generated(), h.generated());
                changed(what, "collation", w.collation(), h.collation());
                changed(what, "charset", w.charset(), h.charset());
                changed(what, "on update", w.onUpdate(), h.onUpdate());
                changed(what, "comment", w.comment(), h.comment());
                identity(what, w, h);
                add("column_changed", object, describe(w), describe(h), "column " + object + " changed: "
                        + String.join(", ", what));
            }
        }
        for (ColumnInfo extra : live.values()) {
            add("column_extra", want.name() + "." + extra.name(), null, describe(extra), "column " + want.name() + "."
                    + extra.name() + " exists but no migration created it");
        }
    }

    /**
     * A live column as format 1 read it: without the newer attributes. Format 1 read PostgreSQL's generation
     * expression as the column's default (it lives in pg_attrdef), and no generated expression on the other
     * databases, so the live expression stands in for the default exactly where the recorded default is it.
     */
    private static ColumnInfo asFormat1(ColumnInfo live, ColumnInfo recorded) {
        String defaultValue = live.defaultValue();
        if (defaultValue == null && live.generated() != null && recorded.defaultValue() != null) {
            String expression = live.generated().replaceFirst(" (STORED|VIRTUAL)$", "");
            defaultValue = Normalise.expression(recorded.defaultValue()).equals(expression)
                    ? recorded.defaultValue() : expression;
        }
        return new ColumnInfo(live.name(), live.type(), live.nullable(), defaultValue, live.autoIncrement());
    }

    /**
     * A live column as formats before 9 read it: a serial column's own sequence not read, no AUTOINCREMENT keyword,
     * and (SQLite) a primary-key column recorded NOT NULL whatever SQLite enforces.
     */
    private static ColumnInfo asFormat8(ColumnInfo live, ColumnInfo recorded, TableInfo liveTable) {
        IdentityInfo identity = live.identity() != null && live.identity().generation() == null ? null
                : live.identity();
        boolean nullable = live.nullable() && (recorded.nullable() || !liveTable.primaryKey().contains(live.name()));
        return new ColumnInfo(live.name(), live.type(), nullable, live.defaultValue(), live.autoIncrement(),
                live.generated(), live.collation(), live.charset(), live.onUpdate(), live.comment(), identity);
    }

    private static ColumnInfo withType(ColumnInfo c, String type) {
        return type.equals(c.type()) ? c : new ColumnInfo(c.name(), type, c.nullable(), c.defaultValue(),
                c.autoIncrement(), c.generated(), c.collation(), c.charset(), c.onUpdate(), c.comment(), c.identity(),
                c.autoincrementKeyword());
    }

    private static ColumnInfo withCollation(ColumnInfo c, String collation) {
        return new ColumnInfo(c.name(), c.type(), c.nullable(), c.defaultValue(), c.autoIncrement(), c.generated(),
                collation, c.charset(), c.onUpdate(), c.comment(), c.identity(), c.autoincrementKeyword());
    }

    private static ColumnInfo withAutoIncrement(ColumnInfo c) {
        return new ColumnInfo(c.name(), c.type(), c.nullable(), c.defaultValue(), true, c.generated(),
                c.collation(), c.charset(), c.onUpdate(), c.comment(), c.identity(), c.autoincrementKeyword());
    }

    private static ColumnInfo withIdentity(ColumnInfo c, IdentityInfo identity) {
        return new ColumnInfo(c.name(), c.type(), c.nullable(), c.defaultValue(), c.autoIncrement(), c.generated(),
                c.collation(), c.charset(), c.onUpdate(), c.comment(), identity, c.autoincrementKeyword());
    }

    /**
     * An identity column's options that changed, each by name ({@code identity increment 5 instead of 1}; a serial
     * column's sequence's as {@code sequence increment 5 instead of 1}); an identity added or dropped is the
     * auto-increment change already named, or else named whole.
     */
    private static void identity(List<String> what, ColumnInfo want, ColumnInfo have) {
        IdentityInfo w = want.identity();
        IdentityInfo h = have.identity();
        if (Objects.equals(w, h)) {
            return;
        }
        if (w == null || h == null) {
            if (want.autoIncrement() == have.autoIncrement()) {
                what.add("identity " + (h == null ? "none" : describe(h)) + " instead of "
                        + (w == null ? "none" : describe(w)));
            }
            return;
        }
        Map<String, String> live = attributes(h);
        String label = w.generation() == null && h.generation() == null ? "sequence " : "identity ";
        attributes(w).forEach((option, value) -> changed(what, label + option, value, live.get(option)));
    }

    private static Map<String, String> attributes(IdentityInfo i) {
        Map<String, String> a = attributes("generation", i.generation());
        a.putAll(sequenceOptions(i.start(), i.increment(), i.min(), i.max(), i.cache(), i.cycle()));
        return a;
    }

    /** The options of a sequence, its own or an identity column's, by the names differences give them. */
    private static Map<String, String> sequenceOptions(long start, long increment, long min, long max, long cache,
                                                       boolean cycle) {
        return attributes("start", String.valueOf(start), "increment", String.valueOf(increment), "min",
                String.valueOf(min), "max", String.valueOf(max), "cache", String.valueOf(cache), "cycle",
                String.valueOf(cycle));
    }

    private static String describe(IdentityInfo i) {
        return (i.generation() == null ? "OWNED SEQUENCE" : "GENERATED " + i.generation() + " AS IDENTITY")
                + " (START " + i.start() + " INCREMENT " + i.increment() + " MINVALUE "
                + i.min() + " MAXVALUE " + i.max() + " CACHE " + i.cache() + (i.cycle() ? " CYCLE" : " NO CYCLE")
                + ")";
    }

    private static ColumnInfo withoutComment(ColumnInfo c) {
        return new ColumnInfo(c.name(), c.type(), c.nullable(), c.defaultValue(), c.autoIncrement(), c.generated(),
                c.collation(), c.charset(), c.onUpdate());
    }

    /**
     * Live indexes as a record before format 10 has them: where it recorded a key as an unnamed SQLite expression
     * ({@code (expression -2) DESC}), the live key in that place of the index of that name is taken as recorded when
     * it sorts the same way.
     */
    private static List<IndexInfo> withUnnamedExpressions(List<IndexInfo> recorded, List<IndexInfo> live) {
        Map<String, IndexInfo> byName = byName(recorded, IndexInfo::name);
        return live.stream().map(i -> {
            IndexInfo r = byName.get(i.name());
            if (r == null || r.columns().size() != i.columns().size()) {
                return i;
            }
            List<String> keys = new ArrayList<>(i.columns());
            for (int k = 0; k < keys.size(); k++) {
                String old = r.columns().get(k);
                if (UNNAMED_EXPRESSION.matcher(old).matches() && old.endsWith(" DESC") == keys.get(k).endsWith(" DESC")) {
                    keys.set(k, old);
                }
            }
            return new IndexInfo(i.name(), keys, i.unique(), i.where(), i.method(), i.comment());
        }).toList();
    }

    /**
     * Indexes as they compare: without their methods when the recorded snapshot predates them, and with partial
     * predicates normalised as expressions on both sides (PostgreSQL's were recorded with their parentheses before).
     */
    private List<IndexInfo> comparable(List<IndexInfo> indexes) {
        return indexes.stream().map(i -> new IndexInfo(i.name(), i.columns(), i.unique(),
                Normalise.expression(i.where()), current ? i.method() : null, keyComments ? i.comment() : null))
                .toList();
    }

    private static String attributes(TableInfo t) {
        return "comment=" + t.comment() + " partitioning=" + t.partitioning();
    }

    private static void changed(List<String> what, String attribute, String expected, String actual) {
        if (!Objects.equals(expected, actual)) {
            what.add(attribute + " " + actual + " instead of " + expected);
        }
    }

    /** Foreign keys have no stable names across databases, so they are matched by their columns and target. */
    private void foreignKeys(TableInfo want, TableInfo have) {
        Map<String, ForeignKeyInfo> live = byName(have.foreignKeys(), SchemaDiff::fkKey);
        for (ForeignKeyInfo w : want.foreignKeys()) {
            ForeignKeyInfo h = live.remove(fkKey(w));
            if (h != null && !keyComments) {
                h = new ForeignKeyInfo(h.columns(), h.referencedTable(), h.referencedColumns(), h.onDelete(),
                        h.onUpdate());
            }
            String object = want.name() + "." + fkKey(w);
            if (h == null) {
                add("foreign_key_missing", object, describe(w), null, "foreign key " + object + " is missing");
            } else if (!w.equals(h)) {
                add("foreign_key_changed", object, describe(w), describe(h), "foreign key " + object + " is "
                        + describe(h) + ", expected " + describe(w));
            }
        }
        for (ForeignKeyInfo extra : live.values()) {
            add("foreign_key_extra", want.name() + "." + fkKey(extra), null, describe(extra), "foreign key "
                    + want.name() + "." + fkKey(extra) + " exists but no migration created it");
        }
    }

    private <T> void named(String what, List<T> expected, List<T> actual, Function<T, String> name, String prefix,
                           Function<T, String> describe) {
        Map<String, T> live = byName(actual, name);
        for (T w : expected) {
            T h = live.remove(name.apply(w));
            String object = prefix + name.apply(w);
            if (h == null) {
                add(what + "_missing", object, describe.apply(w), null, what + " " + object + " is missing");
            } else if (!w.equals(h)) {
                add(what + "_changed", object, describe.apply(w), describe.apply(h), what + " " + object
                        + " changed: now " + describe.apply(h) + ", expected " + describe.apply(w));
            }
        }
        for (T extra : live.values()) {
            add(what + "_extra", prefix + name.apply(extra), null, describe.apply(extra), what + " " + prefix
                    + name.apply(extra) + " exists but no migration created it");
        }
    }

    /**
     * Like {@link #named}, for objects compared attribute by attribute: a change names the attributes that differ,
     * e.g. {@code routine f(integer) changed: body_hash 3f... instead of 9a...}.
     */
    private <T> void attributed(String what, List<T> expected, List<T> actual, Function<T, String> name,
                                String prefix, Function<T, Map<String, String>> attributes) {
        Map<String, T> live = byName(actual, name);
        for (T w : expected) {
            T h = live.remove(name.apply(w));
            String object = prefix + name.apply(w);
            Map<String, String> want = attributes.apply(w);
            if (h == null) {
                add(what + "_missing", object, describe(want), null, what + " " + object + " is missing");
                continue;
            }
            Map<String, String> have = attributes.apply(h);
            List<String> changes = new ArrayList<>();
            want.forEach((attribute, value) -> changed(changes, attribute, value, have.get(attribute)));
            if (!changes.isEmpty()) {
                add(what + "_changed", object, describe(want), describe(have), what + " " + object + " changed: "
                        + String.join(", ", changes));
            }
        }
        for (T extra : live.values()) {
            add(what + "_extra", prefix + name.apply(extra), null, describe(attributes.apply(extra)), what + " "
                    + prefix + name.apply(extra) + " exists but no migration created it");
        }
    }

    /** The attributes with the object's comment added, where the recorded format compares it (9 on). */
    private Map<String, String> withComment(Map<String, String> attributes, String comment) {
        if (sinceFormat9) {
            attributes.put("comment", comment);
        }
        return attributes;
    }

    private static Map<String, String> attributes(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, String> attributes(RoutineInfo r, boolean withOptions, boolean withComment) {
        Map<String, String> a = attributes("kind", r.kind(), "returns", r.returns(), "language", r.language(),
                "body_hash", r.bodyHash());
        if (withOptions) {
            a.put("options", r.options());
        }
        if (withComment) {
            a.put("comment", r.comment());
        }
        return a;
    }

    private static Map<String, String> attributes(SequenceInfo q) {
        Map<String, String> a = attributes("type", q.type());
        a.putAll(sequenceOptions(q.start(), q.increment(), q.min(), q.max(), q.cache(), q.cycle()));
        return a;
    }

    private static String describe(Map<String, String> attributes) {
        List<String> parts = new ArrayList<>();
        attributes.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(i -> map.put(name.apply(i), i));
        return map;
    }

    private static String fkKey(ForeignKeyInfo fk) {
        return "(" + String.join(",", fk.columns()) + ")->" + fk.referencedTable();
    }

    private static String describe(ColumnInfo c) {
        return c.type() + (c.charset() == null ? "" : " CHARACTER SET " + c.charset())
                + (c.collation() == null ? "" : " COLLATE " + c.collation()) + (c.nullable() ? "" : " NOT NULL")
                + (c.defaultValue() == null ? "" : " DEFAULT " + c.defaultValue())
                + (c.generated() == null ? "" : " AS (" + c.generated().replaceFirst(" (STORED|VIRTUAL)$", ") $1"))
                + (c.onUpdate() == null ? "" : " ON UPDATE " + c.onUpdate())
                + (c.identity() != null ? " " + describe(c.identity()) : c.autoincrementKeyword() ? " AUTOINCREMENT"
                : c.autoIncrement() ? " AUTO_INCREMENT" : "")
                + (c.comment() == null ? "" : " COMMENT " + c.comment());
    }

    private static String describe(IndexInfo i) {
        return (i.unique() ? "UNIQUE " : "") + (i.method() == null ? "" : "USING " + i.method() + " ")
                + "(" + String.join(", ", i.columns()) + ")" + (i.where() == null ? "" : " WHERE " + i.where())
                + (i.comment() == null ? "" : " COMMENT " + i.comment());
    }

    private static String describe(ForeignKeyInfo fk) {
        return "(" + String.join(", ", fk.columns()) + ") REFERENCES " + fk.referencedTable() + " ("
                + String.join(", ", fk.referencedColumns()) + ") ON DELETE " + fk.onDelete() + " ON UPDATE "
                + fk.onUpdate() + (fk.comment() == null ? "" : " COMMENT " + fk.comment());
    }

    private void add(String kind, String object, String expected, String actual, String message) {
        out.add(new Difference(kind, object, expected, actual, message));
    }
}
