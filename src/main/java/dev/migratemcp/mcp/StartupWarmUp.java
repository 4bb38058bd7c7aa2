package dev.migratemcp.mcp;

import dev.migratemcp.json.Json;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * Gives an MCP client's spawn of the server a head start: on a thread of its own, while the main thread is still
 * parsing the command line (picocli reads its annotations by reflection, tens of milliseconds on a cold JVM), it
 * makes the JSON mappers and has them read and write a sample {@code initialize} exchange the way the gate and the
 * SDK will read and answer the real one. On a cold JVM that is Jackson's own start (its classes, the mappers) and the
 * (de)serializers of the SDK's message types, together most of the time between the client's {@code initialize} and
 * its answer; made here they are ready, cached in the same mappers, when the real message comes.
 *
 * <p>Only a head start: nothing is kept but what the mappers cache anyway, and a failure here is left for the real
 * exchange to meet and report.
 */
public final class StartupWarmUp {

    private static final String SAMPLE_INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
            + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"warm-up\",\"version\":\"1\"}}}";

    private StartupWarmUp() {
    }

    /** Starts the warm-up when the arguments name the {@code serve} verb (a wrong guess costs a spare thread's CPU). */
    public static void start(String[] args) {
        if (!java.util.Arrays.asList(args).contains("serve")) {
            return;
        }
        Thread thread = new Thread(StartupWarmUp::run, "migrate-mcp-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            // as JsonRpcGate reads and re-serialises a message, then has the SDK try it
            Json.compact(ExactJson.TREES.readTree(SAMPLE_INITIALIZE));
            McpSchema.JSONRPCRequest request = (McpSchema.JSONRPCRequest) McpSchema.deserializeJsonRpcMessage(
                    ExactJson.SDK, SAMPLE_INITIALIZE);
            // as the SDK reads the request's params and writes its answer
            ExactJson.SDK.convertValue(request.params(), McpSchema.InitializeRequest.class);
            ExactJson.SDK.writeValueAsString(McpSchema.JSONRPCResponse.result(request.id(),
                    new McpSchema.InitializeResult(io.modelcontextprotocol.spec.ProtocolVersions.MCP_2025_06_18, MigrateMcpServer.capabilities(),
                            new McpSchema.Implementation(MigrateMcpServer.NAME, MigrateMcpServer.VERSION), "")));
        } catch (Exception | LinkageError e) {
            // only a head start: the real exchange meets the same problem and reports it
        }
    }
}
