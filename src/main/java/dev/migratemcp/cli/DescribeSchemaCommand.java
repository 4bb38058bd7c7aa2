package dev.migratemcp.cli;

import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.json.Json;
import dev.migratemcp.schema.SchemaSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "describe-schema", description = "The live schema as JSON, whole or one table.")
final class DescribeSchemaCommand extends EngineCommand {

    @Option(names = "--table", paramLabel = "NAME", description = "Only this table.")
    String table;

    @Override
    int execute(MigrationEngine engine, Printer out) {
        SchemaSnapshot s = engine.describeSchema(table);
        // the snapshot is JSON by nature; people get the same, indented
        out.result(s, () -> out.line(Json.pretty(s)));
        return MigrateCommand.EXIT_OK;
    }
}
