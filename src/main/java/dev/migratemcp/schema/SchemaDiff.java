package dev.migratemcp.schema;

import dev.migratemcp.schema.SchemaSnapshot.ColumnInfo;
import dev.migratemcp.schema.SchemaSnapshot.ForeignKeyInfo;
import dev.migratemcp.schema.SchemaSnapshot.IndexInfo;
import dev.migratemcp.schema.SchemaSnapshot.TableInfo;
import dev.migratemcp.schema.SchemaSnapshot.TriggerInfo;
import dev.migratemcp.schema.SchemaSnapshot.ViewInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What differs between the schema a database should have (the snapshot recorded when it reached its version) and
 * the one it has: each table, column, index, foreign key, view and trigger that is missing, extra or changed, named
 * precisely enough to act on.
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

    private SchemaDiff() {
    }

    public static List<Difference> between(SchemaSnapshot expected, SchemaSnapshot actual) {
        SchemaDiff diff = new SchemaDiff();
        diff.tables(expected.tables(), actual.tables());
        diff.named("view", expected.views(), actual.views(), ViewInfo::name, "", v -> v.definition());
        diff.named("trigger", expected.triggers(), actual.triggers(), TriggerInfo::name, "",
                t -> "on " + t.table() + ": " + t.definition());
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
            }
            named("index", want.indexes(), have.indexes(), IndexInfo::name, want.name() + ".", SchemaDiff::describe);
            foreignKeys(want, have);
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
            } else if (!w.equals(h)) {
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
                add("column_changed", object, describe(w), describe(h), "column " + object + " changed: "
                        + String.join(", ", what));
            }
        }
        for (ColumnInfo extra : live.values()) {
            add("column_extra", want.name() + "." + extra.name(), null, describe(extra), "column " + want.name() + "."
                    + extra.name() + " exists but no migration created it");
        }
    }

    /** Foreign keys have no stable names across databases, so they are matched by their columns and target. */
    private void foreignKeys(TableInfo want, TableInfo have) {
        Map<String, ForeignKeyInfo> live = byName(have.foreignKeys(), SchemaDiff::fkKey);
        for (ForeignKeyInfo w : want.foreignKeys()) {
            ForeignKeyInfo h = live.remove(fkKey(w));
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

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(i -> map.put(name.apply(i), i));
        return map;
    }

    private static String fkKey(ForeignKeyInfo fk) {
        return "(" + String.join(",", fk.columns()) + ")->" + fk.referencedTable();
    }

    private static String describe(ColumnInfo c) {
        return c.type() + (c.nullable() ? "" : " NOT NULL") + (c.defaultValue() == null ? "" : " DEFAULT "
                + c.defaultValue()) + (c.autoIncrement() ? " AUTO_INCREMENT" : "");
    }

    private static String describe(IndexInfo i) {
        return (i.unique() ? "UNIQUE " : "") + "(" + String.join(", ", i.columns()) + ")"
                + (i.where() == null ? "" : " WHERE " + i.where());
    }

    private static String describe(ForeignKeyInfo fk) {
        return "(" + String.join(", ", fk.columns()) + ") REFERENCES " + fk.referencedTable() + " ("
                + String.join(", ", fk.referencedColumns()) + ") ON DELETE " + fk.onDelete() + " ON UPDATE "
                + fk.onUpdate();
    }

    private void add(String kind, String object, String expected, String actual, String message) {
        out.add(new Difference(kind, object, expected, actual, message));
    }
}
