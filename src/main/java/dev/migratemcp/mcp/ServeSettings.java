package dev.migratemcp.mcp;

/**
 * How the server behaves towards clients.
 *
 * @param readOnly    serve only the tools that change nothing
 * @param elicitation ask the human to approve destructive plans when the client can ask ("auto"), or never
 */
public record ServeSettings(boolean readOnly, Elicitation elicitation) {

    public enum Elicitation { AUTO, NEVER }
}
