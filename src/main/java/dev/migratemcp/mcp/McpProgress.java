package dev.migratemcp.mcp;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.ProgressListener;
import dev.migratemcp.migration.Direction;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;

/**
 * Engine progress as MCP notifications: a progress notification per migration and per batch window when the request
 * carried a progress token, and a log notification for each migration either way. A client that went away must not
 * break the migration, so sending failures are only logged.
 */
final class McpProgress implements ProgressListener {

    private static final Logger LOG = LoggerFactory.getLogger(McpProgress.class);

    private final McpSyncServerExchange exchange;
    private final Object token;
    private final boolean backupOnly;
    private final BooleanSupplier cancelled;
    private long sentBackup;
    private double progress;
    private int planSize = 1;

    /** @param cancelled whether the client has cancelled the call ({@code notifications/cancelled}) */
    McpProgress(McpSyncServerExchange exchange, Object token, BooleanSupplier cancelled) {
        this(exchange, token, false, cancelled);
    }

    /** @param backupOnly the call is a backup and nothing else, so its progress may fill the bar */
    McpProgress(McpSyncServerExchange exchange, Object token, boolean backupOnly) {
        this(exchange, token, backupOnly, () -> false);
    }

    private McpProgress(McpSyncServerExchange exchange, Object token, boolean backupOnly, BooleanSupplier cancelled) {
        this.exchange = exchange;
        this.token = token;
        this.backupOnly = backupOnly;
        this.cancelled = cancelled;
    }

    @Override
    public boolean cancelled() {
        return cancelled.getAsBoolean();
    }

    @Override
    public void migrationStarted(Version version, String description, Direction direction, int position, int size) {
        planSize = size;
        progress = position - 1;
        String message = (direction == Direction.UP ? "applying" : "reverting") + " version " + version + " ("
                + position + "/" + size + "): " + description;
        notifyProgress(message);
        log(message);
    }

    @Override
    public void batchDone(Version version, int statementIndex, long batchNumber, long batchTotal, long rowsAffected) {
        // batches move the bar within the migration's own step, never past it
        progress = Math.floor(progress) + Math.min(0.99, (double) batchNumber / Math.max(1, batchTotal));
        notifyProgress("version " + version + ", statement " + statementIndex + ": batch " + batchNumber + " of at most "
                + batchTotal + " (" + rowsAffected + " rows)");
    }

    @Override
    public void migrationFinished(Version version, Direction direction, long executionMs) {
        progress = Math.floor(progress) + 1;
        notifyProgress("version " + version + " done in " + executionMs + " ms");
        log("version " + version + " " + (direction == Direction.UP ? "applied" : "reverted") + " in " + executionMs
                + " ms");
    }

    /**
     * Backups report as log messages at their start and end; a standalone backup (create_backup) also as progress.
     * Inside an apply or rollback the progress bar belongs to the migrations and must only move forward.
     */
    @Override
    public void backupProgress(long done, long total) {
        if (done == 0 || done == total) {
            log(done == 0 ? "backing up the database" : "backup written");
        }
        if (backupOnly && token != null && total > 0 && done > sentBackup) {
            sentBackup = done;
            try {
                exchange.progressNotification(new ProgressNotification(token, (double) done, (double) total,
                        "backing up: " + (100 * done / total) + "%"));
            } catch (RuntimeException e) {
                LOG.debug("progress notification not sent: {}", e.getMessage());
            }
        }
    }

    private void notifyProgress(String message) {
        if (token == null) {
            return;
        }
        try {
            exchange.progressNotification(new ProgressNotification(token, progress, (double) planSize, message));
        } catch (RuntimeException e) {
            LOG.debug("progress notification not sent: {}", e.getMessage());
        }
    }

    private void log(String message) {
        try {
            exchange.loggingNotification(LoggingMessageNotification.builder().level(LoggingLevel.INFO)
                    .logger("migrate-mcp").data(message).build());
        } catch (RuntimeException e) {
            LOG.debug("log notification not sent: {}", e.getMessage());
        }
    }
}
