package dev.migratemcp.mcp;

import dev.migratemcp.engine.ErrorCode;
import dev.migratemcp.engine.MigrateException;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.MigrationSource;
import dev.migratemcp.json.Json;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;

import java.util.List;

/**
 * Read-only context for a model: each migration file as {@code migration://{version}}, the history as
 * {@code migration://history} and the live schema as {@code schema://current}.
 */
final class MigrationResources {

    static final String HISTORY_URI = "migration://history";
    static final String SCHEMA_URI = "schema://current";
    private static final String FILE_PREFIX = "migration://";
    private static final String SQL = "application/sql";

    private MigrationResources() {
    }

    static SyncResourceTemplateSpecification fileTemplate(MigrationEngine engine) {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder(FILE_PREFIX + "{version}", "migration")
                .title("Migration file")
                .description("The text of the migration file with this version, as it is on disk now.")
                .mimeType(SQL)
                .build();
        return new SyncResourceTemplateSpecification(template, (exchange, request) -> {
            MigrationSource source = engine.source(versionOf(request.uri()));
            return new ReadResourceResult(List.of(new TextResourceContents(request.uri(), SQL, source.text())));
        });
    }

    static SyncResourceSpecification history(MigrationEngine engine) {
        McpSchema.Resource resource = McpSchema.Resource.builder(HISTORY_URI, "history")
                .title("Migration history")
                .description("The history table as JSON: applied and failed migrations.")
                .mimeType("application/json")
                .build();
        return new SyncResourceSpecification(resource, (exchange, request) -> new ReadResourceResult(List.of(
                new TextResourceContents(HISTORY_URI, "application/json", Json.pretty(engine.history())))));
    }

    static SyncResourceSpecification currentSchema(MigrationEngine engine) {
        McpSchema.Resource resource = McpSchema.Resource.builder(SCHEMA_URI, "schema")
                .title("Live schema")
                .description("The database's schema as it is now, as JSON (the describe_schema snapshot).")
                .mimeType("application/json")
                .build();
        return new SyncResourceSpecification(resource, (exchange, request) -> new ReadResourceResult(List.of(
                new TextResourceContents(SCHEMA_URI, "application/json", Json.pretty(engine.describeSchema(null))))));
    }

    /** The migrations present when the server starts, listed so that clients can show them. */
    static List<SyncResourceSpecification> files(MigrationEngine engine) {
        try {
            return engine.versions().stream().map(v -> {
                McpSchema.Resource resource = McpSchema.Resource.builder(FILE_PREFIX + v, "migration " + v)
                        .mimeType(SQL).build();
                return new SyncResourceSpecification(resource, (exchange, request) -> new ReadResourceResult(List.of(
                        new TextResourceContents(request.uri(), SQL, engine.source(v).text()))));
            }).toList();
        } catch (MigrateException e) {
            return List.of(); // a broken folder is reported by the tools; the template still reads what it can
        }
    }

    private static long versionOf(String uri) {
        String rest = uri.startsWith(FILE_PREFIX) ? uri.substring(FILE_PREFIX.length()) : "";
        try {
            return Long.parseLong(rest);
        } catch (NumberFormatException e) {
            throw new MigrateException(ErrorCode.INVALID_ARGUMENT, "not a migration resource: " + uri,
                    "Use migration://{version}, e.g. migration://3.");
        }
    }
}
