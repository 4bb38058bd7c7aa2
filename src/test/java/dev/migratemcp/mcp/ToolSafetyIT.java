package dev.migratemcp.mcp;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.json.Json;
import dev.migratemcp.testing.LeakyUrls;
import dev.migratemcp.testing.MigrationFiles;
import dev.migratemcp.testing.SqliteContent;
import dev.migratemcp.testing.TestDatabase;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static dev.migratemcp.mcp.McpWorkflowIT.call;
import static dev.migratemcp.mcp.McpWorkflowIT.error;
import static dev.migratemcp.mcp.McpWorkflowIT.number;
import static dev.migratemcp.mcp.McpWorkflowIT.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tools against a careless agent, through the SDK's own client over stdio, with every result validated against
 * the tool's output schema: numbers that used to wrap, an apply that dropped data unasked, confirmed destructive tools
 * that never asked the human, a read-only server that wrote, a migration that did not parse yet was written, and a
 * password that reached the results.
 */
class ToolSafetyIT {

    private static final Path SHIPPED = Path.of("migrations").toAbsolutePath();

    @TempDir
    Path dir;

    /** What the test's human answers; every question is recorded. */
    private final AtomicReference<Function<McpSchema.ElicitFormRequest, ElicitResult>> human =
            new AtomicReference<>(r -> new ElicitResult(ElicitResult.Action.DECLINE, null, null));
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    private final List<String> serverStderr = Collections.synchronizedList(new ArrayList<>());

    private McpSyncClient client(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("-jar", ServerProcess.jar()));
        all.addAll(List.of(args));
        ServerParameters params = ServerParameters.builder(ServerProcess.java()).args(all).env(env).build();
        StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(serverStderr::add);
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(60))
                .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
                .elicitation(request -> {
                    asked.add(request.message());
                    return human.get().apply(request);
                })
                // every structuredContent is checked against the tool's outputSchema
                .enableCallToolSchemaCaching(true)
                .build();
        client.initialize();
        client.listTools();
        return client;
    }

    private McpSyncClient client(String url, Path migrations, String... serveArgs) {
        List<String> args = new ArrayList<>(List.of("--url", url, "--migrations", migrations.toString(), "--backups",
                dir.resolve("backups").toString(), "serve"));
        args.addAll(List.of(serveArgs));
        return client(Map.of(), args.toArray(String[]::new));
    }

    private static ElicitResult approve(McpSchema.ElicitFormRequest request) {
        return new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("approve", true), null);
    }

    private Path copyOfShipped() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        try (var shipped = Files.list(SHIPPED)) {
            for (Path f : shipped.toList()) {
                Files.copy(f, migrations.resolve(f.getFileName()));
            }
        }
        return migrations;
    }

    private static void execute(String jdbcUrl, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** 2^64 wrapped to 0 and rolled back everything; 2^64 + 5 planned a rollback to 5; 2^63 showed negative. */
    @Test
    void versionsBeyondTheRangeAreRefusedNotWrapped() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             McpSyncClient client = client(db.jdbcUrl(), SHIPPED, "--elicitation", "never")) {
            ok(call(client, "apply_migration", Map.of()));
            for (Object huge : List.of(new BigInteger("18446744073709551616"), new BigInteger("18446744073709551621"),
                    new BigInteger("9223372036854775808"), "18446744073709551616", 1.5)) {
                Map<String, Object> e = error(call(client, "rollback_to_version", Map.of("target_version", huge,
                        "confirm", true)), "invalid_argument");
                assertTrue(e.get("message").toString().startsWith("rollback_to_version: target_version"), e.toString());
                error(call(client, "plan_migration", Map.of("target_version", huge)), "invalid_argument");
            }
            assertEquals(9L, number(ok(call(client, "get_current_version", Map.of())), "current_version"));
            Map<String, Object> asText = ok(call(client, "plan_migration", Map.of("target_version", "5")));
            assertEquals(5L, number(asText, "to_version"));
            Map<String, Object> big = error(call(client, "apply_migration", Map.of("plan_id", "x".repeat(1_000_000))),
                    "invalid_argument");
            assertTrue(big.toString().length() < 1_000, "a large argument is not echoed");
        }
    }

    /** Flyway's dotted versions through a real client: strings in and out, numbers for whole versions as before. */
    @Test
    void dottedVersionsAreStringsInArgumentsAndResults() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("dotted"));
        new MigrationFiles(migrations).table(1);
        Files.writeString(migrations.resolve("V1_1__one_one.sql"), "CREATE TABLE t11 (id INTEGER);");
        Files.writeString(migrations.resolve("U1_1__one_one.sql"), "DROP TABLE t11;");
        Files.writeString(migrations.resolve("V1.2__one_two.sql"), "CREATE TABLE t12 (id INTEGER);");
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             McpSyncClient client = client(db.jdbcUrl(), migrations, "--elicitation", "never")) {
            Map<String, Object> applied = ok(call(client, "apply_migration", Map.of("target_version", "1.1")));
            assertEquals("1.1", applied.get("to_version"), applied.toString());
            Map<String, Object> now = ok(call(client, "get_current_version", Map.of()));
            assertEquals("1.1", now.get("current_version"));
            assertEquals("1.2", now.get("latest_version"));
            assertEquals(List.of("1.2"), now.get("pending_versions"));
            Map<String, Object> fraction = error(call(client, "plan_migration", Map.of("target_version", 1.1)),
                    "invalid_argument");
            assertTrue(fraction.get("message").toString().contains("as a string"), fraction.toString());
            error(call(client, "plan_migration", Map.of("target_version", "1.x")), "invalid_argument");
            error(call(client, "show_migration", Map.of("version", "1.10")), "unknown_version");
            var file = client.readResource(new McpSchema.ReadResourceRequest("migration://1.1"));
            assertTrue(((McpSchema.TextResourceContents) file.contents().get(0)).text().contains("CREATE TABLE t11"));
            Map<String, Object> back = ok(call(client, "rollback_to_version", Map.of("target_version", 1,
                    "confirm", true)));
            assertEquals(1L, number(back, "to_version"), back.toString());
            assertEquals(1L, number(ok(call(client, "get_current_version", Map.of())), "current_version"));
        }
    }

    /** apply_migration ran a drop of a table with rows with no confirm, no question and no backup. */
    @Test
    void anApplyThatLosesDataIsConfirmedApprovedAndBackedUp() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        MigrationFiles files = new MigrationFiles(migrations);
        files.table(1);
        files.write(2, "drop_t1", null, "DROP TABLE t1;", null);
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             McpSyncClient client = client(db.jdbcUrl(), migrations)) {
            McpSchema.Tool apply = client.listTools().tools().stream()
                    .filter(t -> t.name().equals("apply_migration")).findFirst().orElseThrow();
            assertTrue(apply.annotations().destructiveHint());
            ok(call(client, "apply_migration", Map.of("target_version", 1)));
            execute(db.jdbcUrl(), "INSERT INTO t1 (id, name) VALUES (1, 'kept')");

            Map<String, Object> refused = ok(call(client, "apply_migration", Map.of()));
            assertEquals("confirmation_required", refused.get("status"));
            assertTrue(refused.get("plan").toString().contains("data_loss"), refused.toString());
            assertEquals(0, asked.size(), "no human is asked before confirm");
            assertEquals(1L, number(ok(call(client, "get_current_version", Map.of())), "current_version"));

            Map<String, Object> declined = ok(call(client, "apply_migration", Map.of("confirm", true)));
            assertEquals("declined", declined.get("status"));
            assertEquals(1, asked.size());
            assertTrue(asked.get(0).contains("DROP TABLE t1"), asked.get(0));
            assertEquals(1L, number(ok(call(client, "get_current_version", Map.of())), "current_version"));

            human.set(ToolSafetyIT::approve);
            Map<String, Object> applied = ok(call(client, "apply_migration", Map.of("confirm", true)));
            assertEquals("applied", applied.get("status"));
            assertNotNull(applied.get("backup"), "the destructive backup policy covers apply");
        }
    }

    /** Confirmed restore_backup and baseline never asked the human, although the client could be asked. */
    @Test
    void confirmedRestoreAndBaselineAskTheHuman() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             McpSyncClient client = client(db.jdbcUrl(), SHIPPED)) {
            ok(call(client, "apply_migration", Map.of("target_version", 2)));
            String backup = (String) ok(call(client, "create_backup", Map.of())).get("id");
            Map<String, Object> restore = ok(call(client, "restore_backup", Map.of("backup_id", backup,
                    "confirm", true)));
            assertEquals("declined", restore.get("status"));
            assertTrue(asked.get(0).contains(backup), asked.get(0));

            execute(db.jdbcUrl(), "DROP TABLE schema_version");
            Map<String, Object> baseline = ok(call(client, "baseline", Map.of("version", 2, "confirm", true)));
            assertEquals("declined", baseline.get("status"));
            assertEquals(2, asked.size());
            assertEquals(0L, number(ok(call(client, "get_current_version", Map.of())), "current_version"));

            // a client that fails to ask is not a bug of ours, and nothing happens
            human.set(r -> {
                throw new IllegalStateException("the user closed the dialog");
            });
            Map<String, Object> failed = error(call(client, "baseline", Map.of("version", 2, "confirm", true)),
                    "elicitation_failed");
            assertFalse(failed.toString().contains("bug"), failed.toString());
            assertEquals(0L, number(ok(call(client, "get_current_version", Map.of())), "current_version"));
        }
    }

    /**
     * A confirmed repair asks the human first, through a real client that can be asked: declined, nothing changes;
     * approved, it runs; under --elicitation never it runs unasked.
     */
    @Test
    void aConfirmedRepairAsksTheHuman() throws Exception {
        Path migrations = copyOfShipped();
        Path first = migrations.resolve("0001_initial_schema.sql");
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE)) {
            try (McpSyncClient client = client(db.jdbcUrl(), migrations)) {
                ok(call(client, "apply_migration", Map.of("target_version", 2)));
                Files.writeString(first, Files.readString(first) + "\n-- edited after it was applied\n");
                Map<String, Object> options = ok(call(client, "repair", Map.of("version", 1)));
                assertEquals("file_changed", options.get("problem"), options.toString());
                assertEquals(0, asked.size(), "no human is asked without confirm");

                Map<String, Object> declined = ok(call(client, "repair", Map.of("version", 1,
                        "action", "accept_checksum", "confirm", true)));
                assertEquals("declined", declined.get("status"), declined.toString());
                assertEquals(1, asked.size());
                assertTrue(asked.get(0).contains("version 1") && asked.get(0).contains("accept_checksum"),
                        asked.get(0));
                assertEquals("file_changed", ok(call(client, "repair", Map.of("version", 1))).get("problem"),
                        "declined: the history still has the old checksum");

                human.set(ToolSafetyIT::approve);
                Map<String, Object> repaired = ok(call(client, "repair", Map.of("version", 1,
                        "action", "accept_checksum", "confirm", true)));
                assertEquals("repaired", repaired.get("status"), repaired.toString());
                assertEquals(2, asked.size());
                assertEquals(true, ok(call(client, "validate_schema", Map.of())).get("valid"),
                        "the edited file is accepted");
            }
            Files.writeString(first, Files.readString(first) + "-- edited again\n");
            human.set(r -> {
                throw new AssertionError("--elicitation never asked the human");
            });
            try (McpSyncClient unasked = client(db.jdbcUrl(), migrations, "--elicitation", "never")) {
                Map<String, Object> repaired = ok(call(unasked, "repair", Map.of("version", 1,
                        "action", "accept_checksum", "confirm", true)));
                assertEquals("repaired", repaired.get("status"), repaired.toString());
                assertEquals(2, asked.size(), "not asked");
            }
        }
    }

    /**
     * README: the destructive tools without {@code confirm: true} "return the plan and change nothing", and a dry run
     * shows and changes nothing, even beside {@code confirm: true}. Served with {@code --elicitation never}, so no
     * human stands behind confirm: the database (every table's rows, the history and its snapshots included) and the
     * backups folder must be exactly as before each call.
     */
    @Test
    void withoutConfirmTheDestructiveToolsChangeNothing() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        MigrationFiles files = new MigrationFiles(migrations);
        Path first = files.table(1);
        files.table(2);
        files.write(3, "drop_t1", null, "DROP TABLE t1;",
                "CREATE TABLE t1 (id INTEGER PRIMARY KEY, name VARCHAR(50));");
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             McpSyncClient client = client(db.jdbcUrl(), migrations, "--elicitation", "never")) {
            ok(call(client, "apply_migration", Map.of("target_version", 2)));
            execute(db.jdbcUrl(), "INSERT INTO t1 (id, name) VALUES (1, 'kept')");
            String backup = (String) ok(call(client, "create_backup", Map.of())).get("id");
            execute(db.jdbcUrl(), "INSERT INTO t2 (id, name) VALUES (1, 'after the backup')");
            Path backups = dir.resolve("backups");

            String before = SqliteContent.of(db.jdbcUrl(), backups);
            List<Map.Entry<String, Map<String, Object>>> calls = List.of(
                    Map.entry("confirmation_required", Map.of()),
                    Map.entry("dry_run", Map.of("dry_run", true, "confirm", true)));
            for (var c : calls) {
                Map<String, Object> r = ok(call(client, "apply_migration", c.getValue()));
                assertEquals(c.getKey(), r.get("status"), "apply_migration " + c.getValue() + ": " + r);
                assertEquals(before, SqliteContent.of(db.jdbcUrl(), backups), "apply_migration " + c.getValue());
            }
            for (var c : List.of(Map.entry("confirmation_required", Map.<String, Object>of("target_version", 0)),
                    Map.entry("confirmation_required", Map.<String, Object>of("target_version", 0, "confirm", false)),
                    Map.entry("dry_run", Map.<String, Object>of("target_version", 0, "dry_run", true,
                            "confirm", true)))) {
                Map<String, Object> r = ok(call(client, "rollback_to_version", c.getValue()));
                assertEquals(c.getKey(), r.get("status"), "rollback_to_version " + c.getValue() + ": " + r);
                assertTrue(r.get("will_revert").toString().contains("DROP TABLE t2"), r.toString());
                assertEquals(before, SqliteContent.of(db.jdbcUrl(), backups), "rollback_to_version " + c.getValue());
            }
            for (Map<String, Object> args : List.<Map<String, Object>>of(Map.of("backup_id", backup),
                    Map.of("backup_id", backup, "confirm", false))) {
                Map<String, Object> r = ok(call(client, "restore_backup", args));
                assertEquals("confirmation_required", r.get("status"), r.toString());
                assertEquals(before, SqliteContent.of(db.jdbcUrl(), backups), "restore_backup " + args);
            }

            Files.writeString(first, Files.readString(first) + "-- edited after it was applied\n");
            for (Map<String, Object> args : List.<Map<String, Object>>of(Map.of("version", 1),
                    Map.of("version", 1, "action", "accept_checksum"),
                    Map.of("version", 1, "action", "accept_checksum", "confirm", false))) {
                Map<String, Object> r = ok(call(client, "repair", args));
                assertEquals("file_changed", r.get("problem"), r.toString());
                assertFalse("repaired".equals(r.get("status")), r.toString());
                assertEquals(before, SqliteContent.of(db.jdbcUrl(), backups), "repair " + args);
            }
            Map<String, Object> still = ok(call(client, "validate_schema", Map.of()));
            assertTrue(still.get("problems").toString().contains("checksum_mismatch"),
                    "the old checksum stays: " + still);

            execute(db.jdbcUrl(), "DROP TABLE schema_version");
            String unrecorded = SqliteContent.of(db.jdbcUrl(), backups);
            for (Map<String, Object> args : List.<Map<String, Object>>of(Map.of("version", 2),
                    Map.of("version", 2, "confirm", false))) {
                Map<String, Object> r = ok(call(client, "baseline", args));
                assertFalse("baselined".equals(r.get("status")), r.toString());
                assertEquals(unrecorded, SqliteContent.of(db.jdbcUrl(), backups), "baseline " + args);
            }
            assertEquals(0L, number(ok(call(client, "get_current_version", Map.of())), "current_version"));
        }
    }

    /**
     * README: "a checksum mismatch, a locked database or a SQL error comes back with isError: true and
     * structuredContent.error = {code, message, hint, details} (SQL errors name the version, statement index and SQL
     * state)", and the server keeps running: the next call after each is answered.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aChangedFileALockedDatabaseAndASqlErrorAreErrorResults() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        MigrationFiles files = new MigrationFiles(migrations);
        Path first = files.table(1);
        files.write(2, "broken", null, "CREATE TABLE t2 (id INTEGER);\nSELEC 1;", "DROP TABLE t2;");
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             McpSyncClient client = client(Map.of(), "--url", db.jdbcUrl(), "--migrations", migrations.toString(),
                     "--backups", dir.resolve("backups").toString(), "--lock-timeout", "1", "serve")) {
            ok(call(client, "apply_migration", Map.of("target_version", 1)));

            String original = Files.readString(first);
            Files.writeString(first, original + "-- edited\n");
            error(call(client, "apply_migration", Map.of()), "checksum_mismatch");
            Files.writeString(first, original);
            assertEquals(1L, number(ok(call(client, "get_current_version", Map.of())), "current_version"));

            String file = db.jdbcUrl().substring("jdbc:sqlite:".length());
            try (FileChannel lock = FileChannel.open(Path.of(file + ".schema_version.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = lock.lock()) {
                assertTrue(held.isValid());
                error(call(client, "apply_migration", Map.of()), "lock_timeout");
                assertEquals(1L, number(ok(call(client, "get_current_version", Map.of())), "current_version"),
                        "reading takes no lock, and the server is still there");
            }

            Map<String, Object> failed = error(call(client, "apply_migration", Map.of()), "migration_failed");
            Map<String, Object> details = (Map<String, Object>) failed.get("details");
            assertNotNull(details, failed.toString());
            assertEquals(2L, ((Number) details.get("version")).longValue(), details.toString());
            assertEquals(2L, ((Number) details.get("statement_index")).longValue(), details.toString());
            assertNotNull(details.get("sql_state"), details.toString());
            // rolled back whole on SQLite, so nothing blocks; the attempt is kept and shown as the last failure
            Map<String, Object> after = ok(call(client, "get_current_version", Map.of()));
            assertEquals("clean", after.get("state"), after.toString());
            assertEquals(2L, number((Map<String, Object>) after.get("last_failure"), "version"), after.toString());
        }
    }

    /**
     * README's tool rows that no other test held: test_migration "never touches this database"; list_pending gives
     * each migration's transactional; apply_migration refuses a pending version below the current one
     * ({@code out_of_order}, naming it) unless {@code out_of_order: true}; list_backups lists newest first;
     * create_migration never overwrites a file.
     */
    @Test
    @SuppressWarnings("unchecked")
    void rehearsalPendingOutOfOrderBackupsAndNewFilesAsTheTableSays() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        MigrationFiles files = new MigrationFiles(migrations);
        files.table(1);
        files.table(3);
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             McpSyncClient client = client(db.jdbcUrl(), migrations, "--elicitation", "never")) {
            ok(call(client, "apply_migration", Map.of("target_version", 1)));
            Path backups = dir.resolve("backups");
            String before = SqliteContent.of(db.jdbcUrl(), backups);
            assertEquals("ok", ok(call(client, "test_migration", Map.of())).get("status"));
            assertEquals(before, SqliteContent.of(db.jdbcUrl(), backups), "the rehearsal touched this database");

            files.write(4, "outside", "-- migrate:no_transaction", "CREATE TABLE t4 (id INTEGER);", "DROP TABLE t4;");
            List<Map<String, Object>> pending = (List<Map<String, Object>>) ok(call(client, "list_pending",
                    Map.of())).get("pending");
            assertEquals(List.of(true, false), pending.stream().map(m -> m.get("transactional")).toList(),
                    pending.toString());
            ok(call(client, "apply_migration", Map.of()));

            files.table(2);
            Map<String, Object> refused = error(call(client, "apply_migration", Map.of()), "out_of_order");
            assertTrue(refused.get("message").toString().contains("2"), refused.toString());
            assertEquals(4L, number(ok(call(client, "get_current_version", Map.of())), "current_version"));
            Map<String, Object> late = ok(call(client, "apply_migration", Map.of("out_of_order", true)));
            assertEquals(List.of(2), ((List<Map<String, Object>>) late.get("applied")).stream()
                    .map(m -> ((Number) m.get("version")).intValue()).toList(), late.toString());

            String older = (String) ok(call(client, "create_backup", Map.of("label", "older"))).get("id");
            Thread.sleep(5); // ids carry the time to the millisecond
            String newer = (String) ok(call(client, "create_backup", Map.of("label", "newer"))).get("id");
            List<Map<String, Object>> listed = (List<Map<String, Object>>) ok(call(client, "list_backups",
                    Map.of())).get("backups");
            assertEquals(List.of(newer, older), listed.stream().map(b -> b.get("id")).toList());

            Map<String, Object> made = ok(call(client, "create_migration", Map.of("description", "Add notes",
                    "up_sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY)", "down_sql", "DROP TABLE notes",
                    "rehearse", false)));
            Path written = migrations.resolve("0005_add_notes.sql");
            assertEquals(5L, number(made, "version"));
            String first = Files.readString(written);
            Map<String, Object> again = ok(call(client, "create_migration", Map.of("description", "Add notes",
                    "up_sql", "CREATE TABLE notes2 (id INTEGER PRIMARY KEY)", "rehearse", false)));
            assertEquals(6L, number(again, "version"));
            assertEquals(first, Files.readString(written), "the file of version 5 was left as it was");
        }
    }

    /**
     * repair offered mark_statement_done and mark_statement_not_done for a statement in doubt (README: "offer
     * mark_statement_done / mark_statement_not_done"), yet its input schema refused both as invalid_argument: every
     * option a result offers must be one a call can take. The history row is set as a kill leaves it (as RecoveryTest
     * does): the run stopped while the UPDATE, outside a transaction, was running, and the schema cannot say.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyRepairOptionOfferedCanBeTaken() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        new MigrationFiles(migrations).write(1, "counts", "-- migrate:no_transaction",
                "CREATE TABLE a (id INTEGER PRIMARY KEY, n INTEGER);\nINSERT INTO a (id, n) VALUES (1, 0);\n"
                        + "UPDATE a SET n = n + 1 WHERE id = 1;", null);
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             McpSyncClient client = client(db.jdbcUrl(), migrations, "--elicitation", "never")) {
            ok(call(client, "apply_migration", Map.of()));
            execute(db.jdbcUrl(), "UPDATE a SET n = 0"); // as if the kill came before the UPDATE ran
            execute(db.jdbcUrl(), "UPDATE schema_version SET state = 'failed', statements_done = 2, "
                    + "statement_started = 3, error = 'interrupted' WHERE version = '1'");
            Map<String, Object> shown = ok(call(client, "repair", Map.of("version", 1)));
            List<String> offered = ((List<Map<String, Object>>) shown.get("options")).stream()
                    .filter(o -> Boolean.TRUE.equals(o.get("possible"))).map(o -> (String) o.get("action")).toList();
            assertTrue(offered.contains("mark_statement_not_done"), shown.toString());
            Map<String, Object> settled = ok(call(client, "repair", Map.of("version", 1,
                    "action", "mark_statement_not_done", "confirm", true)));
            assertEquals("repaired", settled.get("status"), settled.toString());
            ok(call(client, "repair", Map.of("version", 1, "action", "resume", "confirm", true)));
            assertEquals("clean", ok(call(client, "get_current_version", Map.of())).get("state"));
            try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT n FROM a")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1), "the UPDATE ran once, on resume");
            }
        }
    }

    /** --read-only wrote: validate_schema recorded a snapshot; test_migration made a scratch database on the server. */
    @Test
    void readOnlyWritesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE)) {
            try (McpSyncClient writer = client(db.jdbcUrl(), SHIPPED)) {
                ok(call(writer, "apply_migration", Map.of()));
            }
            execute(db.jdbcUrl(), "DROP TABLE schema_version_snapshots"); // migrated before snapshots existed
            try (McpSyncClient client = client(db.jdbcUrl(), SHIPPED, "--read-only")) {
                for (int i = 0; i < 2; i++) {
                    // compared with a rehearsal each time: the reference was not recorded
                    Map<String, Object> r = ok(call(client, "validate_schema", Map.of()));
                    assertTrue(r.get("problems").toString().contains("reference_rehearsed"), r.toString());
                    assertFalse(r.get("problems").toString().contains("recorded now"), r.toString());
                }
            }
        }
        try (TestDatabase db = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            try (McpSyncClient writer = client(db.jdbcUrl(), SHIPPED)) {
                ok(call(writer, "apply_migration", Map.of("target_version", 2)));
            }
            execute(db.jdbcUrl(), "DROP TABLE schema_version_snapshots");
            try (McpSyncClient client = client(db.jdbcUrl(), SHIPPED, "--read-only")) {
                Map<String, Object> e = error(call(client, "test_migration", Map.of()), "read_only");
                assertTrue(e.get("message").toString().contains("scratch database"), e.toString());
                // README: on PostgreSQL and MySQL a version without a snapshot is no_reference, not rehearsed there
                Map<String, Object> r = ok(call(client, "validate_schema", Map.of()));
                assertEquals(false, r.get("valid"), r.toString());
                assertTrue(r.get("problems").toString().contains("no_reference"), r.toString());
                assertFalse(r.get("problems").toString().contains("reference_rehearsed"), r.toString());
            }
        }
    }

    /** A read-only server pointed at a SQLite file that does not exist created it, empty. */
    @Test
    void aReadOnlyServerCreatesNoSqliteFile() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path missing = data.resolve("missing.db");
        try (McpSyncClient client = client("jdbc:sqlite:" + missing, SHIPPED, "--read-only")) {
            for (String tool : List.of("get_current_version", "list_pending", "validate_schema", "get_history")) {
                Map<String, Object> e = error(call(client, tool, Map.of()), "connection_failed");
                assertTrue(e.get("message").toString().contains("does not exist"), tool + ": " + e);
            }
            Map<String, Object> e = error(call(client, "describe_schema", Map.of()), "connection_failed");
            assertTrue(e.get("message").toString().contains("read-only"), e.toString());
        }
        try (var left = Files.list(data)) {
            assertEquals(List.of(), left.toList(), "nothing written: no database, journal or lock file");
        }
    }

    /** create_migration claimed to check the SQL, yet wrote "CREAT TABLE oops" as the next version. */
    @Test
    void aMigrationTheDatabaseCannotRunIsNotWritten() throws Exception {
        Path migrations = copyOfShipped();
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             McpSyncClient client = client(db.jdbcUrl(), migrations)) {
            Map<String, Object> e = error(call(client, "create_migration", Map.of("description", "oops",
                    "up_sql", "CREAT TABLE oops (id INTEGER)")), "migration_failed");
            assertTrue(e.get("message").toString().contains("no file was written"), e.toString());
            try (var list = Files.list(migrations)) {
                assertEquals(9, list.count(), "no tenth file");
            }
            error(call(client, "create_migration", Map.of("up_sql", "SELECT 1")), "invalid_argument");
            Map<String, Object> made = ok(call(client, "create_migration", Map.of("description", "Add notes",
                    "up_sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY)", "down_sql", "DROP TABLE notes")));
            assertEquals(10L, number(made, "version"));
            assertEquals("ok", ((Map<?, ?>) made.get("test")).get("status"));
        }
    }

    /** The password of a URL with user-info reached the tool result, text and structuredContent. */
    @Test
    void thePasswordNeverReachesResultsOrLogs() {
        // the command line test (CliSecretsTest) goes through every spelling and failure; the server shares its
        // messages, so here the two of the report and the environment, each a server of its own
        List<LeakyUrls.Failure> failures = LeakyUrls.failures();
        List<LeakyUrls.Attempt> attempts = List.of(
                LeakyUrls.attempt(failures.get(0), LeakyUrls.Spelling.JDBC_USER_INFO),
                LeakyUrls.attempt(failures.get(2), LeakyUrls.Spelling.SHORT_FORM),
                LeakyUrls.attempt(failures.get(1), LeakyUrls.Spelling.ENVIRONMENT));
        for (LeakyUrls.Attempt attempt : attempts) {
            serverStderr.clear();
            List<String> args = new ArrayList<>(attempt.options());
            args.addAll(List.of("--migrations", SHIPPED.toString(), "--verbose", "serve"));
            Map<String, String> env = attempt.envPassword() == null ? Map.of()
                    : Map.of("MIGRATE_MCP_PASSWORD", attempt.envPassword());
            String seen;
            try (McpSyncClient client = client(env, args.toArray(String[]::new))) {
                CallToolResult r = call(client, "get_current_version", Map.of());
                assertTrue(Boolean.TRUE.equals(r.isError()), attempt.label());
                seen = r.content() + Json.compact(r.structuredContent());
            } catch (RuntimeException refusedAtStart) {
                seen = String.valueOf(refusedAtStart); // a URL refused before the server starts: stderr is all
            }
            String all = seen + String.join("\n", serverStderr);
            assertFalse(all.contains(LeakyUrls.PASSWORD), attempt.label() + ": " + all);
        }
    }
}
