package dev.migratemcp.mcp;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.ErrorCode;
import dev.migratemcp.engine.MigrateException;
import dev.migratemcp.engine.MigrationEngine;
import dev.migratemcp.engine.MigrationSource;
import dev.migratemcp.json.Json;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
        return new SyncResourceTemplateSpecification(template,
                (exchange, request) -> read(engine, request.uri(), versionOf(request.uri())));
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

    /** The versions there are migration files for now; none when the folder cannot be read. */
    static Set<Version> versions(MigrationEngine engine) {
        try {
            return new TreeSet<>(engine.versions());
        } catch (MigrateException e) {
            return Set.of(); // a broken folder is reported by the tools; the template still reads what it can
        }
    }

    /** The resource for one migration file, listed so that clients can show it. */
    static SyncResourceSpecification file(MigrationEngine engine, Version version) {
        McpSchema.Resource resource = McpSchema.Resource.builder(uri(version), "migration " + version)
                .mimeType(SQL).build();
        return new SyncResourceSpecification(resource, (exchange, request) -> read(engine, request.uri(), version));
    }

    static String uri(Version version) {
        return FILE_PREFIX + version;
    }

    /** The version a listed file resource stands for, or null for the other resources. */
    static Version fileVersion(String uri) {
        String rest = uri.startsWith(FILE_PREFIX) ? uri.substring(FILE_PREFIX.length()) : "";
        try {
            return rest.isEmpty() ? null : Version.parse(rest);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A file that is not (or no longer) there is "resource not found" (-32002), as MCP says, naming the URI. */
    private static ReadResourceResult read(MigrationEngine engine, String uri, Version version) {
        MigrationSource source;
        try {
            source = engine.source(version);
        } catch (MigrateException e) {
            if (e.code() != ErrorCode.UNKNOWN_VERSION) {
                throw e;
            }
            throw notFound(uri, "no migration file has version " + version);
        }
        return new ReadResourceResult(List.of(new TextResourceContents(uri, SQL, source.text())));
    }

    private static Version versionOf(String uri) {
        String rest = uri.startsWith(FILE_PREFIX) ? uri.substring(FILE_PREFIX.length()) : "";
        try {
            return Version.parse(rest);
        } catch (IllegalArgumentException e) {
            throw notFound(uri, "no migration resource " + JsonRpcErrors.quote(uri) + ": use migration://{version}, "
                    + "e.g. migration://3 (" + e.getMessage() + ")");
        }
    }

    private static McpError notFound(String uri, String message) {
        return McpError.builder(JsonRpcErrors.RESOURCE_NOT_FOUND).message(message)
                .data(Map.of("uri", uri.length() > 200 ? uri.substring(0, 200) : uri)).build();
    }
}
