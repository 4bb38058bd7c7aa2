package dev.migratemcp.cli;

import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.json.Json;
import dev.migratemcp.schema.SchemaSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "describe-schema", description = "The live schema as JSON, whole, one schema's or one object.")
final class DescribeSchemaCommand extends EngineCommand {

    @Option(names = "--table", paramLabel = "NAME", description = "As --object: a table (with its triggers), or any "
            + "object of that name.")
    String table;

    @Option(names = "--object", paramLabel = "NAME", description = "Only this table, view, routine (signature or "
            + "name), sequence, type, trigger or extension; schema.name in another schema.")
    String object;

    @Option(names = "--schema", paramLabel = "NAME", description = "Only this schema's objects: the connection's own "
            + "by its name, or another one covered (PostgreSQL).")
    String schema;

    @Override
    int execute(MigrationEngine engine, Printer out) {
        SchemaSnapshot s = engine.describeSchema(schema, object != null ? object : table);
        // the snapshot is JSON by nature; people get the same, indented
        out.result(s, () -> out.line(Json.pretty(s)));
        return MigrateCommand.EXIT_OK;
    }
}
