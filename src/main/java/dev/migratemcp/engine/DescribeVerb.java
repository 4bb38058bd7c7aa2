package dev.migratemcp.engine;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.schema.SchemaSnapshot;

import java.util.Map;

/** The describe-schema verb: the live schema as drift sees it, whole, one schema's or one object's. */
final class DescribeVerb {

    private final MigrationEngine engine;

    DescribeVerb(MigrationEngine engine) {
        this.engine = engine;
    }

    /**
     * The live schema without the migration tool's own tables: whole, or only one schema's objects ({@code schema}:
     * the connection's own by its name, or another one covered), or only one object ({@code object}: a table with
     * its triggers, a view, a routine, a sequence, a type, a trigger or an extension; {@code schema.name} in another
     * schema), or both. Unknown names are errors that say what there is.
     */
    SchemaSnapshot describeSchema(String schema, String object) {
        if (engine.database().dialect().kind() == DatabaseKind.POSTGRESQL && !engine.schemasCovered()) {
            // learns the schemas the migrations create (every later read of the files updates it)
            engine.catalogIfPresent();
        }
        return engine.withConnection(c -> {
            InterruptedRestores.refuseDescribing(engine.interruptedRestores().check(c));
            SchemaSnapshot live = engine.snapshots().live(c);
            if (schema != null && !schema.isBlank()) {
                boolean own = schema.equals(engine.database().dialect().introspector().ownSchema(c));
                if (!own && !live.schemas().contains(schema)) {
                    throw new MigrateException(ErrorCode.UNKNOWN_TABLE, "no schema named " + schema + " is covered",
                            "The connection's own schema and " + (live.schemas().isEmpty() ? "no other"
                                    : String.join(", ", live.schemas())) + " are; --schemas names more.",
                            Map.of("schema", schema), null);
                }
                live = live.onlySchema(schema, own);
            }
            if (object == null || object.isBlank()) {
                return live;
            }
            SchemaSnapshot one = live.onlyObject(object);
            if (one.holdsNothing()) {
                throw new MigrateException(ErrorCode.UNKNOWN_TABLE, "no table, view, routine, sequence, type, "
                        + "trigger or extension named " + object, "Call describe_schema without a table or "
                        + "object to list them all.", Map.of("object", object), null);
            }
            return one;
        });
    }
}
