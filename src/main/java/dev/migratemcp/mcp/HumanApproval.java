package dev.migratemcp.mcp;

import dev.migratemcp.engine.ErrorCode;
import dev.migratemcp.engine.MigrateException;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;

import java.util.List;
import java.util.Map;

/**
 * Puts a destructive plan that a model confirmed to the human, through elicitation, when the client can ask and the
 * server was not started with {@code --elicitation never}: a model's confirmation alone is not a person's. Every
 * confirmed destructive tool (rollback, restore, repair, baseline, an apply that loses data) asks here, with the exact
 * plan as the message.
 */
final class HumanApproval {

    private static final int MAX_MESSAGE = 20_000;

    private HumanApproval() {
    }

    static boolean canAsk(ToolContext context) {
        var capabilities = context.exchange().getClientCapabilities();
        return context.settings().elicitation() == ServeSettings.Elicitation.AUTO && capabilities != null
                && capabilities.elicitation() != null;
    }

    /**
     * Asks the human; true only when they accepted and ticked {@code approve}. A client that fails to ask is not a
     * bug of ours: it comes back as {@code elicitation_failed}, with nothing changed.
     *
     * @param tool     the tool asking, for the error's message
     * @param question what the checkbox says ("Revert these migrations")
     * @param plan     the exact plan, as the person will read it
     */
    static boolean approves(ToolContext context, String tool, String question, String plan) {
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of("approve", Map.of("type", "boolean", "title", question,
                        "description", "Yes to go ahead exactly as described")),
                "required", List.of("approve"));
        String message = plan.length() <= MAX_MESSAGE ? plan : plan.substring(0, MAX_MESSAGE)
                + "\n... (" + (plan.length() - MAX_MESSAGE) + " more characters: ask the model for the whole plan)";
        ElicitResult answer;
        try {
            answer = context.exchange().createElicitation(ElicitFormRequest.builder(message, schema).build());
        } catch (RuntimeException e) {
            String reason = String.valueOf(e.getMessage());
            throw new MigrateException(ErrorCode.ELICITATION_FAILED, tool + ": the client could not ask the user to "
                    + "approve the plan (" + (reason.length() > 200 ? reason.substring(0, 200) + "..." : reason)
                    + "); nothing was changed",
                    "Try again. A client that cannot show the question can be served with --elicitation never, "
                            + "where confirm: true alone decides.", Map.of("tool", tool), null);
        }
        return answer != null && answer.action() == ElicitResult.Action.ACCEPT && answer.content() != null
                && Boolean.TRUE.equals(answer.content().get("approve"));
    }
}
