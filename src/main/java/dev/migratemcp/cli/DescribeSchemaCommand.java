package dev.migratemcp.cli;

import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.json.Json;
import dev.migratemcp.schema.SchemaSnapshot;
import picocli.CommandLine.Model.CommandSpec;

import static dev.migratemcp.cli.Specs.value;

final class DescribeSchemaCommand extends EngineCommand {

    String table;
    String object;
    String schema;

    private DescribeSchemaCommand(GlobalOptions globals) {
        super(globals);
    }

    static CommandSpec command(GlobalOptions globals) {
        DescribeSchemaCommand verb = new DescribeSchemaCommand(globals);
        return Specs.command(verb, "The live schema as JSON, whole, one schema's or one object.")
                .addOption(value(String.class, "NAME", v -> verb.table = v, "--table")
                        .description("As --object: a table (with "
                        + "its triggers), or any object of that name.").build())
                .addOption(value(String.class, "NAME", v -> verb.object = v, "--object")
                        .description("Only this table, view, "
                        + "routine (signature or name), sequence, type, trigger or extension; schema.name in another "
                        + "schema.").build())
                .addOption(value(String.class, "NAME", v -> verb.schema = v, "--schema")
                        .description("Only this schema's objects: "
                        + "the connection's own by its name, or another one covered (PostgreSQL).").build());
    }

    @Override
    int execute(MigrationEngine engine, Printer out) {
        SchemaSnapshot s = engine.describeSchema(schema, object != null ? object : table);
        // the snapshot is JSON by nature; people get the same, indented
        out.result(s, () -> out.line(Json.pretty(s)));
        return MigrateCommand.EXIT_OK;
    }
}
