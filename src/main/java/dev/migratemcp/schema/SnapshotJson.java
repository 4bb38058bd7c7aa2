package dev.migratemcp.schema;

import dev.migratemcp.schema.SchemaSnapshot.CheckInfo;
import dev.migratemcp.schema.SchemaSnapshot.ColumnInfo;
import dev.migratemcp.schema.SchemaSnapshot.ForeignKeyInfo;
import dev.migratemcp.schema.SchemaSnapshot.IndexInfo;
import dev.migratemcp.schema.SchemaSnapshot.RoutineInfo;
import dev.migratemcp.schema.SchemaSnapshot.SequenceInfo;
import dev.migratemcp.schema.SchemaSnapshot.TableInfo;
import dev.migratemcp.schema.SchemaSnapshot.TriggerInfo;
import dev.migratemcp.schema.SchemaSnapshot.TypeInfo;
import dev.migratemcp.schema.SchemaSnapshot.ViewInfo;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

import java.io.StringWriter;
import java.util.List;

/**
 * Writes a snapshot as compact JSON with Jackson's streaming generator, in the very shape the databind mapper gives
 * (snake_case, declaration order, nulls kept), so either can read what the other wrote. The engine records a
 * snapshot at the end of every migrate; on a cold JVM the databind mapper's set-up alone costs more than the rest of
 * a thousand-migration run's overhead, and the streaming writer costs next to nothing.
 */
public final class SnapshotJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private SnapshotJson() {
    }

    public static String write(SchemaSnapshot s) {
        StringWriter out = new StringWriter(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberProperty("format", s.format());
            g.writeName("tables");
            g.writeStartArray();
            for (TableInfo t : s.tables()) {
                table(g, t);
            }
            g.writeEndArray();
            g.writeName("views");
            g.writeStartArray();
            for (ViewInfo v : s.views()) {
                g.writeStartObject();
                g.writeStringProperty("name", v.name());
                g.writeStringProperty("definition", v.definition());
                g.writeStringProperty("comment", v.comment());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("triggers");
            g.writeStartArray();
            for (TriggerInfo t : s.triggers()) {
                g.writeStartObject();
                g.writeStringProperty("name", t.name());
                g.writeStringProperty("table", t.table());
                g.writeStringProperty("definition", t.definition());
                g.writeStringProperty("comment", t.comment());
                g.writeEndObject();
            }
            g.writeEndArray();
            routines(g, s.routines());
            sequences(g, s.sequences());
            types(g, s.types());
            strings(g, "schemas", s.schemas());
            g.writeName("extensions");
            g.writeStartArray();
            for (SchemaSnapshot.ExtensionInfo e : s.extensions()) {
                g.writeStartObject();
                g.writeStringProperty("name", e.name());
                g.writeStringProperty("version", e.version());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("schema_comments");
            g.writeStartObject();
            for (java.util.Map.Entry<String, String> c : s.schemaComments().entrySet()) {
                g.writeStringProperty(c.getKey(), c.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toString();
    }

    /** A JSON array of strings, e.g. table names. */
    public static String write(List<String> values) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartArray();
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
        return out.toString();
    }

    private static void routines(JsonGenerator g, List<RoutineInfo> routines) {
        g.writeName("routines");
        g.writeStartArray();
        for (RoutineInfo r : routines) {
            g.writeStartObject();
            g.writeStringProperty("signature", r.signature());
            g.writeStringProperty("kind", r.kind());
            g.writeStringProperty("returns", r.returns());
            g.writeStringProperty("language", r.language());
            g.writeStringProperty("body_hash", r.bodyHash());
            g.writeStringProperty("options", r.options());
            g.writeStringProperty("comment", r.comment());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void sequences(JsonGenerator g, List<SequenceInfo> sequences) {
        g.writeName("sequences");
        g.writeStartArray();
        for (SequenceInfo q : sequences) {
            g.writeStartObject();
            g.writeStringProperty("name", q.name());
            g.writeStringProperty("type", q.type());
            sequenceOptions(g, q.start(), q.increment(), q.min(), q.max(), q.cache(), q.cycle());
            g.writeStringProperty("comment", q.comment());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void types(JsonGenerator g, List<TypeInfo> types) {
        g.writeName("types");
        g.writeStartArray();
        for (TypeInfo t : types) {
            g.writeStartObject();
            g.writeStringProperty("name", t.name());
            g.writeStringProperty("kind", t.kind());
            g.writeStringProperty("definition", t.definition());
            g.writeStringProperty("comment", t.comment());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void table(JsonGenerator g, TableInfo t) {
        g.writeStartObject();
        g.writeStringProperty("name", t.name());
        g.writeName("columns");
        g.writeStartArray();
        for (ColumnInfo c : t.columns()) {
            g.writeStartObject();
            g.writeStringProperty("name", c.name());
            g.writeStringProperty("type", c.type());
            g.writeBooleanProperty("nullable", c.nullable());
            g.writeStringProperty("default_value", c.defaultValue());
            g.writeBooleanProperty("auto_increment", c.autoIncrement());
            g.writeStringProperty("generated", c.generated());
            g.writeStringProperty("collation", c.collation());
            g.writeStringProperty("charset", c.charset());
            g.writeStringProperty("on_update", c.onUpdate());
            g.writeStringProperty("comment", c.comment());
            identity(g, c.identity());
            g.writeBooleanProperty("autoincrement_keyword", c.autoincrementKeyword());
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "primary_key", t.primaryKey());
        g.writeName("indexes");
        g.writeStartArray();
        for (IndexInfo i : t.indexes()) {
            g.writeStartObject();
            g.writeStringProperty("name", i.name());
            strings(g, "columns", i.columns());
            g.writeBooleanProperty("unique", i.unique());
            g.writeStringProperty("where", i.where());
            g.writeStringProperty("method", i.method());
            g.writeStringProperty("comment", i.comment());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("foreign_keys");
        g.writeStartArray();
        for (ForeignKeyInfo f : t.foreignKeys()) {
            g.writeStartObject();
            strings(g, "columns", f.columns());
            g.writeStringProperty("referenced_table", f.referencedTable());
            strings(g, "referenced_columns", f.referencedColumns());
            g.writeStringProperty("on_delete", f.onDelete());
            g.writeStringProperty("on_update", f.onUpdate());
            g.writeStringProperty("comment", f.comment());
            g.writeEndObject();
        }
        g.writeEndArray();
        checks(g, "checks", t.checks());
        checks(g, "exclusions", t.exclusions());
        g.writeStringProperty("comment", t.comment());
        g.writeStringProperty("partitioning", t.partitioning());
        g.writeStringProperty("primary_key_comment", t.primaryKeyComment());
        g.writeEndObject();
    }

    private static void identity(JsonGenerator g, SchemaSnapshot.IdentityInfo i) {
        g.writeName("identity");
        if (i == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringProperty("generation", i.generation());
        sequenceOptions(g, i.start(), i.increment(), i.min(), i.max(), i.cache(), i.cycle());
        g.writeEndObject();
    }

    /** The options a sequence has, whether its own or an identity column's. */
    private static void sequenceOptions(JsonGenerator g, long start, long increment, long min, long max, long cache,
                                        boolean cycle) {
        g.writeNumberProperty("start", start);
        g.writeNumberProperty("increment", increment);
        g.writeNumberProperty("min", min);
        g.writeNumberProperty("max", max);
        g.writeNumberProperty("cache", cache);
        g.writeBooleanProperty("cycle", cycle);
    }

    private static void checks(JsonGenerator g, String name, List<CheckInfo> checks) {
        g.writeName(name);
        g.writeStartArray();
        for (CheckInfo k : checks) {
            g.writeStartObject();
            g.writeStringProperty("name", k.name());
            g.writeStringProperty("clause", k.clause());
            g.writeStringProperty("comment", k.comment());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) {
        g.writeName(name);
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
