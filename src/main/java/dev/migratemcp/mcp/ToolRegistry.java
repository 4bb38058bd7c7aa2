package dev.migratemcp.mcp;

import dev.migratemcp.config.Redactor;
import dev.migratemcp.engine.ErrorCode;
import dev.migratemcp.engine.MigrateException;
import dev.migratemcp.engine.MigrationEngine;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The tools a server offers, each wrapped so that whatever goes wrong becomes an error result: the server keeps
 * running and the model learns what happened.
 */
final class ToolRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ToolRegistry.class);

    private ToolRegistry() {
    }

    static List<McpTool> all() {
        return List.of(new GetCurrentVersionTool(), new ListPendingTool(), new ApplyMigrationTool(),
                new RollbackToVersionTool(), new ValidateSchemaTool(), new CreateBackupTool(), new GetHistoryTool(),
                new ShowMigrationTool(), new DescribeSchemaTool(), new RepairTool(),
                new PlanMigrationTool(), new TestMigrationTool(), new CreateMigrationTool(), new BaselineTool(),
                new ListBackupsTool(), new VerifyBackupTool(), new RestoreBackupTool());
    }

    /** @param calls where the transport registers running calls, so that they can be cancelled */
    static List<SyncToolSpecification> specifications(MigrationEngine engine, ServeSettings settings,
                                                      RunningCalls calls) {
        Redactor redactor = engine.config().connection().redactor();
        return all().stream()
                .filter(tool -> tool.servedReadOnly() || !settings.readOnly())
                .map(tool -> SyncToolSpecification.builder()
                        .tool(tool.definition())
                        .callHandler((exchange, request) -> {
                            Object call = request.meta() == null ? null : request.meta().get(RunningCalls.META_KEY);
                            try {
                                Arguments args = new Arguments(tool.definition().name(), request.arguments(),
                                        tool.input());
                                ToolContext context = new ToolContext(engine, exchange,
                                        new McpProgress(exchange, request.progressToken(), calls.signal(call)),
                                        request.progressToken(),
                                        settings);
                                return tool.call(context, args);
                            } catch (MigrateException e) {
                                return ToolResults.error(e.error());
                            } catch (RuntimeException e) {
                                String message = redactor.redact(String.valueOf(e));
                                LOG.error("tool {} failed unexpectedly", tool.definition().name(),
                                        redacted(e, message));
                                return ToolResults.error(new MigrateException(ErrorCode.INTERNAL_ERROR, message,
                                        "This is a bug in migrate-mcp; the server is still running. Please report "
                                        + "it.").error());
                            } finally {
                                calls.finish(call);
                            }
                        })
                        .build())
                .toList();
    }

    /** The exception for the log: its stack, with a message that holds no secret (the cause chain is left out). */
    private static Throwable redacted(Throwable e, String message) {
        RuntimeException copy = new RuntimeException(message);
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
