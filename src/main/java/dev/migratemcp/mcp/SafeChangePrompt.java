package dev.migratemcp.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

import java.util.List;

/** A prompt that walks a model through a schema change the safe way: inspect, plan, apply, verify. */
final class SafeChangePrompt {

    private SafeChangePrompt() {
    }

    static SyncPromptSpecification specification() {
        Prompt prompt = new Prompt("safe_schema_change", "Make a schema change safely",
                "Step-by-step instructions for bringing the database to the desired schema without surprises.",
                List.of(new PromptArgument("change", "What the schema change is meant to achieve.", false)));
        return new SyncPromptSpecification(prompt, (exchange, request) -> {
            Object change = request.arguments() == null ? null : request.arguments().get("change");
            String goal = change == null ? "the schema change the user asks for" : change.toString();
            return new GetPromptResult("Safe schema change", List.of(new PromptMessage(Role.USER,
                    new TextContent(instructions(goal)))));
        });
    }

    private static String instructions(String goal) {
        return """
                Goal: %s

                Work through these steps with the migrate-mcp tools, and stop to ask the user whenever a step \
                reports a problem:
                1. Inspect: call get_current_version. If state is "failed", stop and show the failed migration \
                and its hint to the user. Call validate_schema; if it is not valid, report the problems first.
                2. Plan: call list_pending to see what is waiting, then apply_migration with dry_run: true to get \
                the exact SQL. Read it against the goal; point out anything that drops or rewrites data \
                (backup_required migrations especially).
                3. Protect: before applying a backup_required migration, call create_backup.
                4. Apply: call apply_migration (with target_version if only part of the plan is wanted). On an \
                error, report the version, the statement index and the SQL state; do not retry blindly.
                5. Verify: call get_current_version and validate_schema again and tell the user where the \
                database stands.
                Never call rollback_to_version with confirm: true unless the user has seen its will_revert plan \
                and agreed to it in so many words.""".formatted(goal);
    }
}
