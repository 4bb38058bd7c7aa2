package dev.migratemcp.mcp;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.testing.TestDatabase;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole agent workflow against the built jar, through the official SDK's client, over stdio and Streamable HTTP
 * on each database: inspect, dry run, apply with progress, validate, back up, roll back refused, declined by the
 * human, approved by the human; bad inputs answered as errors while the session goes on.
 */
class McpWorkflowIT {

    private static final String TOKEN = "s3cret-test-token";
    private static final Path SHIPPED = Path.of("migrations").toAbsolutePath();

    @TempDir
    Path backups;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DatabaseKind kind : DatabaseKind.values()) {
            out.add(Arguments.of(kind, "stdio"));
            out.add(Arguments.of(kind, "http"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("cases")
    void wholeWorkflow(DatabaseKind kind, String transport) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            AtomicBoolean humanApproves = new AtomicBoolean(false);
            AtomicInteger elicitations = new AtomicInteger();
            List<McpSchema.ProgressNotification> progress = Collections.synchronizedList(new ArrayList<>());
            if (transport.equals("stdio")) {
                ServerParameters params = ServerParameters.builder(ServerProcess.java())
                        .args("-jar", ServerProcess.jar(), "--url", db.jdbcUrl(), "--migrations", SHIPPED.toString(),
                                "--backups", backups.toString(), "serve")
                        .build();
                try (McpSyncClient client = client(new StdioClientTransport(params, McpJsonDefaults.getMapper()),
                        humanApproves, elicitations, progress)) {
                    workflow(client, kind, humanApproves, elicitations, progress);
                }
            } else {
                try (ServerProcess server = ServerProcess.startHttp(db.jdbcUrl(), SHIPPED, backups, "--token", TOKEN);
                     McpSyncClient client = client(HttpClientStreamableHttpTransport.builder(server.baseUrl())
                             .endpoint("/mcp").requestBuilder(authorized()).build(), humanApproves, elicitations,
                             progress)) {
                    workflow(client, kind, humanApproves, elicitations, progress);
                }
            }
        }
    }

    static HttpRequest.Builder authorized() {
        return HttpRequest.newBuilder().header("Authorization", "Bearer " + TOKEN);
    }

    static McpSyncClient client(McpClientTransport transport, AtomicBoolean humanApproves,
                                AtomicInteger elicitations, List<McpSchema.ProgressNotification> progress) {
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(60))
                .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
                .elicitation(request -> {
                    elicitations.incrementAndGet();
                    return humanApproves.get()
                            ? new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("approve", true), null)
                            : new ElicitResult(ElicitResult.Action.DECLINE, null, null);
                })
                .progressConsumer(progress::add)
                .build();
        client.initialize();
        return client;
    }

    static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
        return client.callTool(CallToolRequest.builder().name(tool).arguments(args).progressToken(tool + "-token")
                .build());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> ok(CallToolResult r) {
        assertFalse(Boolean.TRUE.equals(r.isError()), () -> "unexpected error: " + r.content());
        assertFalse(r.content().isEmpty(), "a text line comes with every result");
        return (Map<String, Object>) r.structuredContent();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> error(CallToolResult r, String code) {
        assertTrue(Boolean.TRUE.equals(r.isError()), () -> "expected an error, got " + r.structuredContent());
        Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) r.structuredContent()).get("error");
        assertEquals(code, error.get("code"), error.toString());
        assertNotNull(error.get("message"));
        assertNotNull(error.get("hint"));
        return error;
    }

    /** Notifications reach the client's consumers on their own thread, possibly just after the result. */
    static boolean eventually(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    static long number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).longValue();
    }

    @SuppressWarnings("unchecked")
    static void workflow(McpSyncClient client, DatabaseKind kind, AtomicBoolean humanApproves,
                         AtomicInteger elicitations, List<McpSchema.ProgressNotification> progress) {
        // every tool is described for a model
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertEquals(Set.of("get_current_version", "list_pending", "apply_migration", "rollback_to_version",
                "validate_schema", "create_backup", "get_history", "show_migration", "describe_schema", "repair", "plan_migration", "test_migration", "create_migration",
                "baseline", "list_backups", "verify_backup", "restore_backup"),
                tools.stream().map(McpSchema.Tool::name).collect(Collectors.toSet()));
        for (McpSchema.Tool t : tools) {
            assertNotNull(t.title(), t.name());
            assertTrue(t.description().length() > 60, t.name());
            assertNotNull(t.outputSchema(), t.name());
            assertNotNull(t.annotations().readOnlyHint(), t.name());
        }
        assertTrue(tools.stream().filter(t -> t.name().equals("rollback_to_version")).findFirst().orElseThrow()
                .annotations().destructiveHint());

        Map<String, Object> status = ok(call(client, "get_current_version", Map.of()));
        assertEquals(0L, number(status, "current_version"));
        assertEquals(9L, number(status, "latest_version"));
        assertEquals(9L, number(status, "pending_count"));
        assertEquals("clean", status.get("state"));

        List<Map<String, Object>> pending = (List<Map<String, Object>>) ok(call(client, "list_pending", Map.of()))
                .get("pending");
        assertEquals(9, pending.size());
        assertEquals(List.of(1), pending.get(1).get("depends_on"));
        assertEquals(true, pending.get(2).get("backup_required"));

        Map<String, Object> dry = ok(call(client, "apply_migration", Map.of("dry_run", true)));
        assertEquals("dry_run", dry.get("status"));
        List<Map<String, Object>> plan = (List<Map<String, Object>>) dry.get("plan");
        assertTrue(((List<Map<String, Object>>) plan.get(0).get("statements")).get(0).get("sql").toString()
                .startsWith("CREATE TABLE request_logs"));
        assertEquals(0L, number(ok(call(client, "get_current_version", Map.of())), "current_version"));

        progress.clear();
        Map<String, Object> applied = ok(call(client, "apply_migration", Map.of("target_version", 4)));
        assertEquals("applied", applied.get("status"));
        assertEquals(4L, number(applied, "to_version"));
        assertEquals(4, ((List<?>) applied.get("applied")).size());
        assertTrue(eventually(() -> progress.size() >= 4), "progress per migration: " + progress.size());
        assertTrue(progress.stream().allMatch(p -> "apply_migration-token".equals(p.progressToken())));

        Map<String, Object> plan9 = ok(call(client, "plan_migration", Map.of("target_version", 9)));
        assertEquals("up", plan9.get("direction"));
        error(call(client, "apply_migration", Map.of("plan_id", "0".repeat(64))), "plan_changed");
        assertEquals(9L, number(ok(call(client, "apply_migration", Map.of("plan_id", plan9.get("plan_id")))),
                "to_version"));
        Map<String, Object> validation = ok(call(client, "validate_schema", Map.of("expected_version", 9)));
        assertEquals(true, validation.get("valid"), validation.toString());
        assertEquals(true, validation.get("drift_checked"));
        Map<String, Object> described = ok(call(client, "describe_schema", Map.of("table", "users")));
        assertEquals("users", ((List<Map<String, Object>>) described.get("tables")).get(0).get("name"));
        error(call(client, "describe_schema", Map.of("table", "no_such_table")), "unknown_table");
        Map<String, Object> view = ok(call(client, "describe_schema", Map.of("object", "server_request_summary")));
        assertEquals(List.of(), view.get("tables"), "one object: the view alone");
        assertEquals("server_request_summary", ((List<Map<String, Object>>) view.get("views")).get(0).get("name"));
        error(call(client, "describe_schema", Map.of("schema", "elsewhere")), "unknown_table");
        var schema = client.readResource(new McpSchema.ReadResourceRequest("schema://current"));
        assertTrue(((TextResourceContents) schema.contents().get(0)).text().contains("\"request_logs\""));
        assertEquals(9, ((List<?>) ok(call(client, "get_history", Map.of())).get("entries")).size());
        Map<String, Object> shown = ok(call(client, "show_migration", Map.of("version", 9)));
        assertEquals("applied", shown.get("status"));

        progress.clear();
        Map<String, Object> manifest = ok(call(client, "create_backup", Map.of("label", "before rollback")));
        assertTrue(eventually(() -> progress.stream().anyMatch(p -> "create_backup-token".equals(
                p.progressToken()))), "a backup reports progress");
        assertEquals(9L, number(manifest, "schema_version"));
        String backupId = (String) manifest.get("id");
        assertTrue(backupId.endsWith("before-rollback"));
        List<Map<String, Object>> listed = (List<Map<String, Object>>) ok(call(client, "list_backups", Map.of()))
                .get("backups");
        assertTrue(listed.stream().anyMatch(b -> backupId.equals(b.get("id"))));
        assertEquals(true, ok(call(client, "verify_backup", Map.of("backup_id", backupId))).get("valid"));
        // deep: restored into a scratch database and compared with the manifest, and the result says so
        Map<String, Object> deep = ok(call(client, "verify_backup", Map.of("backup_id", backupId, "deep", true)));
        assertEquals(true, deep.get("deep"), deep.toString());
        assertEquals(true, deep.get("valid"), deep.toString());
        assertEquals("confirmation_required", ok(call(client, "restore_backup", Map.of("backup_id", backupId)))
                .get("status"));
        error(call(client, "verify_backup", Map.of("backup_id", "../../etc/passwd")), "invalid_argument");

        // without confirm: the plan, with what it destroys, and nothing changed
        Map<String, Object> refused = ok(call(client, "rollback_to_version", Map.of("target_version", 5)));
        assertEquals("confirmation_required", refused.get("status"));
        List<Map<String, Object>> willRevert = (List<Map<String, Object>>) refused.get("will_revert");
        assertEquals(List.of(9, 8, 7, 6), willRevert.stream().map(m -> ((Number) m.get("version")).intValue())
                .toList());
        assertTrue(willRevert.get(0).get("statements").toString().contains("DROP VIEW server_request_summary"));
        assertTrue(willRevert.get(3).get("destroys").toString().contains("system_config"),
                willRevert.get(3).toString());
        assertEquals(9L, number(ok(call(client, "get_current_version", Map.of())), "current_version"));
        assertEquals(0, elicitations.get(), "no human is asked before confirm");

        // the model confirms, the human declines
        humanApproves.set(false);
        Map<String, Object> declined = ok(call(client, "rollback_to_version", Map.of("target_version", 5,
                "confirm", true)));
        assertEquals("declined", declined.get("status"));
        assertEquals(1, elicitations.get());
        assertEquals(9L, number(ok(call(client, "get_current_version", Map.of())), "current_version"));

        // the model confirms, the human approves
        humanApproves.set(true);
        Map<String, Object> rolledBack = ok(call(client, "rollback_to_version", Map.of("target_version", 5,
                "confirm", true)));
        assertEquals("rolled_back", rolledBack.get("status"));
        assertEquals(5L, number(rolledBack, "to_version"));
        assertEquals(2, elicitations.get());
        assertEquals(4L, number(ok(call(client, "get_current_version", Map.of())), "pending_count"));

        // bad inputs are answered, and the session goes on
        error(call(client, "apply_migration", Map.of("target_version", "seven")), "invalid_argument");
        error(call(client, "apply_migration", Map.of("target_version", -1)), "invalid_argument");
        error(call(client, "apply_migration", Map.of("target_version", 99)), "unknown_version");
        error(call(client, "apply_migration", Map.of("dry_run", "yes")), "invalid_argument");
        error(call(client, "apply_migration", Map.of("tagret_version", 3)), "invalid_argument");
        error(call(client, "rollback_to_version", Map.of()), "invalid_argument");
        error(call(client, "show_migration", Map.of("version", 42)), "unknown_version");
        error(call(client, "repair", Map.of("version", 6)), "nothing_to_repair");
        assertThrows(McpError.class, () -> call(client, "no_such_tool", Map.of()));

        // resources and the prompt
        var file = client.readResource(new McpSchema.ReadResourceRequest("migration://2"));
        assertTrue(((TextResourceContents) file.contents().get(0)).text().contains("CREATE TABLE scenarios"));
        var history = client.readResource(new McpSchema.ReadResourceRequest("migration://history"));
        assertTrue(((TextResourceContents) history.contents().get(0)).text().contains("\"entries\""));
        assertTrue(client.listResourceTemplates().resourceTemplates().stream()
                .anyMatch(t -> t.uriTemplate().equals("migration://{version}")));
        var prompt = client.getPrompt(new McpSchema.GetPromptRequest("safe_schema_change",
                Map.of("change", "add a column")));
        assertTrue(((McpSchema.TextContent) prompt.messages().get(0).content()).text().contains("dry_run"));

        assertEquals("clean", ok(call(client, "get_current_version", Map.of())).get("state"));
    }

    /** The authoring loop an agent follows: rehearse, write a migration, plan it, apply exactly that plan. */
    @ParameterizedTest(name = "authoring on {0}")
    @org.junit.jupiter.params.provider.EnumSource(DatabaseKind.class)
    void authorRehearsePlanAndApply(DatabaseKind kind) throws Exception {
        Path migrations = Files.createDirectory(backups.resolve("migrations"));
        try (Stream<Path> shipped = Files.list(SHIPPED)) {
            for (Path f : shipped.toList()) {
                Files.copy(f, migrations.resolve(f.getFileName()));
            }
        }
        try (TestDatabase db = TestDatabase.create(kind)) {
            ServerParameters params = ServerParameters.builder(ServerProcess.java())
                    .args("-jar", ServerProcess.jar(), "--url", db.jdbcUrl(), "--migrations", migrations.toString(),
                            "--backups", backups.resolve("made").toString(), "serve")
                    .build();
            try (McpSyncClient client = client(new StdioClientTransport(params, McpJsonDefaults.getMapper()),
                    new AtomicBoolean(), new AtomicInteger(), new ArrayList<>())) {
                Map<String, Object> rehearsal = ok(call(client, "test_migration", Map.of()));
                assertEquals("ok", rehearsal.get("status"), rehearsal.toString());
                assertEquals(9, ((List<?>) rehearsal.get("results")).size());
                assertEquals(0L, number(ok(call(client, "get_current_version", Map.of())), "current_version"));
                ok(call(client, "apply_migration", Map.of()));

                Map<String, Object> created = ok(call(client, "create_migration", Map.of(
                        "description", "Add api keys",
                        "up_sql", "CREATE TABLE api_keys (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, "
                                + "key_hash CHAR(64) NOT NULL)",
                        "down_sql", "DROP TABLE api_keys",
                        "depends_on", List.of(7))));
                assertEquals(10L, number(created, "version"));
                assertEquals("ok", ((Map<String, Object>) created.get("test")).get("status"));
                assertTrue(Files.exists(migrations.resolve("0010_add_api_keys.sql")));

                Map<String, Object> plan = ok(call(client, "plan_migration", Map.of("target_version", 10)));
                Map<String, Object> applied = ok(call(client, "apply_migration", Map.of("plan_id",
                        plan.get("plan_id"))));
                assertEquals(10L, number(applied, "to_version"));
                Map<String, Object> rollbackPlan = ok(call(client, "plan_migration", Map.of("target_version", 9)));
                assertTrue(((Map<String, Object>) rollbackPlan.get("risk_counts")).containsKey("data_loss"));
                assertEquals(true, ok(call(client, "validate_schema", Map.of("expected_version", 10)))
                        .get("valid"));
            }
        }
    }

    /** The older SSE transport serves the same tools. */
    @ParameterizedTest(name = "SSE on {0}")
    @MethodSource("sqliteOnly")
    void sseTransport(DatabaseKind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind);
             ServerProcess server = ServerProcess.startHttp(db.jdbcUrl(), SHIPPED, backups, "--token", TOKEN);
             McpSyncClient client = client(HttpClientSseClientTransport.builder(server.baseUrl()).sseEndpoint("/sse")
                     .requestBuilder(authorized()).build(), new AtomicBoolean(), new AtomicInteger(),
                     new ArrayList<>())) {
            assertEquals(9L, number(ok(call(client, "get_current_version", Map.of())), "pending_count"));
            assertEquals("applied", ok(call(client, "apply_migration", Map.of("target_version", 2))).get("status"));
        }
    }

    static Stream<DatabaseKind> sqliteOnly() {
        return Stream.of(DatabaseKind.SQLITE);
    }

    /** --read-only lists only the tools that change nothing. */
    @ParameterizedTest(name = "read-only on {0}")
    @MethodSource("sqliteOnly")
    void readOnlyServesOnlyReadingTools(DatabaseKind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            ServerParameters params = ServerParameters.builder(ServerProcess.java())
                    .args("-jar", ServerProcess.jar(), "--url", db.jdbcUrl(), "--migrations", SHIPPED.toString(),
                            "serve", "--read-only")
                    .build();
            try (McpSyncClient client = client(new StdioClientTransport(params, McpJsonDefaults.getMapper()),
                    new AtomicBoolean(), new AtomicInteger(), new ArrayList<>())) {
                assertEquals(Set.of("get_current_version", "list_pending", "validate_schema", "get_history",
                        "show_migration", "describe_schema", "plan_migration", "test_migration", "list_backups",
                        "verify_backup"), client.listTools().tools().stream().map(McpSchema.Tool::name)
                        .collect(Collectors.toSet()));
                assertThrows(McpError.class, () -> call(client, "apply_migration", Map.of()));
            }
        }
    }
}
