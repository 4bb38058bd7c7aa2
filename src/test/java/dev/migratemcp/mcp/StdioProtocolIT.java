package dev.migratemcp.mcp;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.json.Json;
import dev.migratemcp.testing.TestDatabase;
import dev.migratemcp.testing.MigrationFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Raw JSON-RPC over stdio, as a careless client might send it: stdout must carry nothing but protocol lines, and
 * malformed input, unknown methods and unknown tools get errors while the session goes on.
 */
class StdioProtocolIT {

    private static final Path SHIPPED = Path.of("migrations").toAbsolutePath();

    @TempDir
    Path dir;

    private static List<String> args(TestDatabase db, Path migrations) {
        return List.of("--url", db.jdbcUrl(), "--migrations", migrations.toString());
    }

    static String call(Object id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + (id instanceof String ? "\"" + id + "\"" : id)
                + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments
                + "}}";
    }

    /** Issue 11: each of these lines used to end the SDK's reading for good; the process then outlived stdin. */
    @Test
    void invalidIdsAndNulBytesAreAnsweredAndTheSessionGoesOn() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             RawStdioSession session = RawStdioSession.start(args(db, SHIPPED)).initialized()) {
            String[] invalidIds = {"{\"a\":1}", "[1]", "true", "1.5", "null"};
            for (String id : invalidIds) {
                session.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}");
            }
            byte[] nul = "\0\0{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8);
            session.sendBytes(nul);
            session.send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}");

            assertTrue(session.response(8).has("result"), "the session still answers");
            List<JsonNode> errors = session.takeErrorsWithoutId();
            assertEquals(6, errors.size(), errors.toString());
            assertEquals(5, errors.stream().filter(e -> e.path("error").path("code").asInt() == -32600).count(),
                    "an id that is not a string or an integer is an invalid request: " + errors);
            assertEquals(1, errors.stream().filter(e -> e.path("error").path("code").asInt() == -32700).count(),
                    "NUL bytes make the line not JSON: " + errors);
            assertTrue(session.closeAndAwaitExit(20), "the server ends when stdin closes");
            assertEquals(List.of(), session.linesThatWereNotJson());
        }
    }

    /**
     * README: over stdio "nothing but protocol goes to stdout", also when the server logs at its most (--verbose)
     * and runs the database's own client tools: pg_dump/pg_restore/psql or mysqldump/mysql for a backup, its deep
     * check and a confirmed restore, and a migration that fails with a SQL error.
     */
    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MYSQL"})
    void theDumpToolsAndVerboseLogsWriteNothingToStdout(DatabaseKind kind) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        MigrationFiles files = new MigrationFiles(migrations);
        files.table(1);
        files.write(2, "broken", null, "CREATE TABLE t2 (id INTEGER);\nSELEC 1;", "DROP TABLE t2;");
        try (TestDatabase db = TestDatabase.create(kind);
             RawStdioSession session = RawStdioSession.start(List.of("--url", db.jdbcUrl(), "--migrations",
                     migrations.toString(), "--backups", dir.resolve("backups").toString(), "--backup-method",
                     "auto", "--verbose")).initialized()) {
            session.send(call(1, "apply_migration", "{\"target_version\":1}"));
            assertFalse(session.response(1).path("result").path("isError").asBoolean());
            session.send(call(2, "create_backup", "{}"));
            JsonNode backup = session.response(2).path("result").path("structuredContent");
            assertTrue(backup.path("method").asString().matches("(pg_dump|mysqldump|mariadb-dump).*"),
                    "the client tools made it: " + backup.path("method"));
            String id = backup.path("id").asString();
            session.send(call(3, "verify_backup", "{\"backup_id\":\"" + id + "\",\"deep\":true}"));
            assertTrue(session.response(3).path("result").path("structuredContent").path("valid").asBoolean());
            session.send(call(4, "restore_backup", "{\"backup_id\":\"" + id + "\",\"confirm\":true}"));
            JsonNode restored = session.response(4).path("result").path("structuredContent");
            assertEquals("restored", restored.path("status").asString(), restored.toString());
            session.send(call(5, "apply_migration", "{}"));
            assertEquals("migration_failed", session.response(5).path("result").path("structuredContent")
                    .path("error").path("code").asString());
            assertTrue(session.closeAndAwaitExit(20), "the server ends when stdin closes");
            assertEquals(List.of(), session.linesThatWereNotJson());
        }
    }

    /**
     * README: "Long work sends a progress notification per migration and per batch when the request carries a
     * progress token": two migrations, the second a batched update of 50 rows in windows of 10, so at least two
     * notifications for the migrations and five for the windows, each with the request's token.
     */
    @Test
    void progressComesPerMigrationAndPerBatch() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("batched"));
        MigrationFiles files = new MigrationFiles(migrations);
        StringBuilder rows = new StringBuilder("CREATE TABLE items (id INTEGER PRIMARY KEY, n INTEGER);\n"
                + "INSERT INTO items (id, n) VALUES ");
        for (int id = 1; id <= 50; id++) {
            rows.append(id > 1 ? ", " : "").append("(").append(id).append(", 0)");
        }
        files.write(1, "items", null, rows + ";", "DROP TABLE items;");
        files.write(2, "count", null, """
                -- migrate:batch table=items key=id size=10
                UPDATE items SET n = n + 1 WHERE id >= :batch_from AND id < :batch_to;
                """, null);
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             RawStdioSession session = RawStdioSession.start(args(db, migrations)).initialized()) {
            session.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"apply_migration\",\"arguments\":{},\"_meta\":{\"progressToken\":\"p-1\"}}}");
            JsonNode applied = session.response(1).path("result").path("structuredContent");
            assertEquals(2, applied.path("to_version").asInt(), applied.toString());
            List<JsonNode> progress = new ArrayList<>();
            while (session.received(m -> "notifications/progress".equals(m.path("method").asString()))) {
                progress.add(session.await(m -> "notifications/progress".equals(m.path("method").asString()),
                        "progress"));
            }
            assertTrue(progress.size() >= 7, "per migration and per batch: " + progress);
            assertTrue(progress.stream().allMatch(p -> "p-1".equals(p.path("params").path("progressToken")
                    .asString())), progress.toString());
            long batches = progress.stream().filter(p -> p.path("params").path("message").asString()
                    .toLowerCase(java.util.Locale.ROOT).contains("batch")).count();
            assertTrue(batches >= 5, "a notification per window of 10 of 50 rows: " + progress);
        }
    }

    /** Issue 11: requests before initialize were held, never answered; ping is the one allowed. */
    @Test
    void requestsBeforeInitializationAreRefused() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             RawStdioSession session = RawStdioSession.start(args(db, SHIPPED))) {
            session.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
            session.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
            JsonNode refused = session.response(1);
            assertEquals(-32600, refused.path("error").path("code").asInt(), refused.toString());
            assertTrue(refused.path("error").path("message").asString().contains("initialize"), refused.toString());
            assertTrue(session.response(2).has("result"));

            session.send(RawStdioSession.INITIALIZE);
            session.response("init");
            session.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
            JsonNode early = session.response(3);
            assertEquals(-32600, early.path("error").path("code").asInt(), "still not initialized: " + early);
            session.send(RawStdioSession.INITIALIZED);
            session.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"}");
            assertTrue(session.response(4).path("result").path("tools").size() > 10);
            session.send(RawStdioSession.INITIALIZE.replace("\"init\"", "5"));
            assertEquals(-32600, session.response(5).path("error").path("code").asInt(), "initialize only once");
        }
    }

    /** Issue 11: wrong shapes got -32603 with Jackson class names; unknown tools a message naming no tool. */
    @Test
    void errorCodesAreTheSpecificationsAndNameWhatIsWrong() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             RawStdioSession session = RawStdioSession.start(args(db, SHIPPED), "--read-only").initialized()) {
            session.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":[1,2]}");
            session.send(call(2, "no_such_tool", "{}"));
            session.send(call(3, "apply_migration", "{}"));
            String huge = "x".repeat(1_000_000);
            session.send(call(4, "get_current_version", "\"" + huge + "\""));
            session.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"resources/read\",\"params\":{\"uri\":"
                    + "\"migration://999\"}}");
            session.send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"resources/read\",\"params\":{\"uri\":"
                    + "\"migration://abc\"}}");
            session.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":42}}");

            JsonNode array = session.response(1).path("error");
            assertEquals(-32602, array.path("code").asInt(), array.toString());
            JsonNode unknown = session.response(2).path("error");
            assertEquals(-32602, unknown.path("code").asInt(), unknown.toString());
            assertTrue(unknown.path("message").asString().contains("'no_such_tool'"), unknown.toString());
            assertTrue(unknown.path("message").asString().contains("get_current_version"), "lists the tools");
            JsonNode readOnly = session.response(3).path("error");
            assertEquals(-32602, readOnly.path("code").asInt(), readOnly.toString());
            assertTrue(readOnly.path("message").asString().contains("--read-only"), readOnly.toString());
            JsonNode large = session.response(4);
            assertEquals(-32602, large.path("error").path("code").asInt(), () -> large.toString().substring(0, 300));
            assertTrue(large.toString().length() < 1000, "no echo of a 1 MB argument: " + large.toString().length());
            assertEquals(-32002, session.response(5).path("error").path("code").asInt());
            assertEquals(-32002, session.response(6).path("error").path("code").asInt());
            JsonNode name = session.response(7).path("error");
            assertEquals(-32602, name.path("code").asInt(), name.toString());
            assertFalse(name.toString().contains("jackson"), name.toString());
        }
    }

    /** Issue 11: resources/list never showed a migration file written after the start. */
    @Test
    void migrationFilesAppearingAndGoingChangeTheResourceList() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        MigrationFiles files = new MigrationFiles(migrations);
        files.write(1, "first", "", "CREATE TABLE first (id INTEGER PRIMARY KEY);", "DROP TABLE first;");
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             RawStdioSession session = RawStdioSession.start(args(db, migrations)).initialized()) {
            assertEquals(List.of("migration://1"), fileResources(session, 1));
            Path second = files.write(2, "second", "", "CREATE TABLE second (id INTEGER PRIMARY KEY);",
                    "DROP TABLE second;");
            session.await(m -> "notifications/resources/list_changed".equals(m.path("method").asString()),
                    "a list_changed notification after a file was written");
            assertEquals(List.of("migration://1", "migration://2"), fileResources(session, 2));
            Files.delete(second);
            session.await(m -> "notifications/resources/list_changed".equals(m.path("method").asString()),
                    "a list_changed notification after a file went");
            assertEquals(List.of("migration://1"), fileResources(session, 3));
        }
    }

    private static List<String> fileResources(RawStdioSession session, int id) throws Exception {
        session.send("{\"jsonrpc\":\"2.0\",\"id\":\"list-" + id + "\",\"method\":\"resources/list\"}");
        List<String> uris = new ArrayList<>(); // sorted below: the list's order is the SDK's
        for (JsonNode r : session.response("list-" + id).path("result").path("resources")) {
            String uri = r.path("uri").asString();
            if (uri.matches("migration://\\d+")) {
                uris.add(uri);
            }
        }
        uris.sort(null);
        return uris;
    }

    /**
     * Issue 11: a cancelled apply ran on. Now it stops before its next statement; the history says so exactly: on
     * MySQL (no DDL transactions) a failed row counting the statements that took effect, on SQLite nothing applied.
     * The cancelled request is not answered, as the specification asks (the SDK answered it).
     */
    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"SQLITE", "MYSQL"})
    void aCancelledApplyStopsBetweenStatements(DatabaseKind kind) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("slow"));
        new MigrationFiles(migrations).writeRaw("0001_slow.sql", slowMigration(40));
        try (TestDatabase db = TestDatabase.create(kind);
             RawStdioSession session = RawStdioSession.start(args(db, migrations)).initialized()) {
            session.send(call("apply", "apply_migration", "{\"confirm\": true}"));
            session.await(m -> "notifications/message".equals(m.path("method").asString())
                    && m.path("params").path("data").asString().startsWith("applying version 1"), "apply started");
            if (kind == DatabaseKind.MYSQL) {
                awaitTable(db, "slow_1"); // so that some statements have taken effect when the cancel comes
            }
            session.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                    + "{\"requestId\":\"apply\",\"reason\":\"the user changed their mind\"}}");

            JsonNode status = null;
            for (int i = 0; i < 600 && !endedCancelled(status); i++) {
                Thread.sleep(100);
                session.send(call("status-" + i, "get_current_version", "{}"));
                status = session.response("status-" + i).path("result").path("structuredContent");
            }
            assertEquals(0, status.path("current_version").asInt(), status.toString());
            JsonNode failed = status.path("failed").isObject() ? status.path("failed") : status.path("last_failure");
            assertTrue(failed.path("error").asString().contains("cancelled"), status.toString());
            // the call has ended; anything it were to answer would come before the answer to a later ping
            session.send("{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"ping\"}");
            session.response("after");
            Thread.sleep(300);
            assertFalse(session.received(m -> "apply".equals(m.path("id").asString())),
                    "the cancelled request is not answered");
            int done = failed.path("statements_done").asInt(-1);
            if (kind == DatabaseKind.MYSQL) {
                assertEquals("failed", status.path("state").asString(), status.toString());
                assertTrue(done >= 1 && done < 80, "stopped part-way, and the row says where: " + status);
                assertEquals(done + 1, failed.path("error_statement").asInt(), status.toString());
            } else {
                assertEquals(0, done, "rolled back whole: " + status);
            }
        }
    }

    /**
     * Issue 11: the SDK read JSON numbers as doubles, so 3.0000000000000001 arrived as 3 and passed as a whole
     * version. Decimals are now read exactly: a fraction is refused naming the argument, a whole decimal is its number.
     */
    @Test
    void numbersWithAFractionAreReadExactly() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             RawStdioSession session = RawStdioSession.start(args(db, SHIPPED)).initialized()) {
            for (String fraction : List.of("3.0000000000000001", "1.5", "2.5e0", "30000000000000001e-16")) {
                session.send(call("f", "plan_migration", "{\"target_version\": " + fraction + "}"));
                JsonNode result = session.response("f").path("result");
                assertTrue(result.path("isError").asBoolean(), fraction + ": " + result);
                JsonNode error = result.path("structuredContent").path("error");
                assertEquals("invalid_argument", error.path("code").asString(), fraction + ": " + result);
                assertTrue(error.path("message").asString().contains("target_version"), fraction + ": " + result);
            }
            for (String whole : List.of("3.0", "3", "3e0", "0.3e1")) {
                session.send(call("w", "plan_migration", "{\"target_version\": " + whole + "}"));
                JsonNode result = session.response("w").path("result");
                assertFalse(result.path("isError").asBoolean(), whole + ": " + result);
                assertEquals(3, result.path("structuredContent").path("to_version").asInt(), whole + ": "
                        + result);
            }
        }
    }

    /** Whether get_current_version's result shows a run that ended cancelled (on MySQL the row exists before). */
    static boolean endedCancelled(JsonNode status) {
        if (status == null) {
            return false;
        }
        JsonNode failed = status.path("failed").isObject() ? status.path("failed") : status.path("last_failure");
        return failed.path("error").isString() && failed.path("error").asString().contains("cancelled");
    }

    /**
     * A script that writes its requests and closes stdin at once lost answers: the SDK writes nothing once it has read
     * the end of input. Every request sent before the end is answered, and the process then exits 0.
     */
    @Test
    void everyRequestSentBeforeStdinClosesIsAnswered() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE);
             RawStdioSession session = RawStdioSession.start(args(db, SHIPPED))) {
            session.send(RawStdioSession.INITIALIZE);
            session.send(RawStdioSession.INITIALIZED);
            for (int i = 1; i <= 5; i++) {
                session.send(call(i, "get_current_version", "{}"));
            }
            session.send(call("pending", "list_pending", "{}"));
            session.send("{\"jsonrpc\":\"2.0\",\"id\":\"tools\",\"method\":\"tools/list\"}");
            session.send("{\"jsonrpc\":\"2.0\",\"id\":\"ping\",\"method\":\"ping\"}");
            assertTrue(session.closeAndAwaitExit(60), "the server ends once it has answered");
            assertEquals(0, session.exitCode());

            assertEquals("migrate-mcp", session.response("init").path("result").path("serverInfo").path("name")
                    .asString());
            for (int i = 1; i <= 5; i++) {
                JsonNode result = session.response(i).path("result");
                assertEquals(0, result.path("structuredContent").path("current_version").asInt(-1), result.toString());
            }
            assertFalse(session.response("pending").path("result").path("isError").asBoolean(true));
            assertTrue(session.response("tools").path("result").path("tools").size() > 0);
            assertTrue(session.response("ping").has("result"));
            assertEquals(List.of(), session.linesThatWereNotJson());
        }
    }

    /**
     * Closing stdin while an apply runs used to cancel it. A client that has sent an apply and leaves expects it done
     * whole, not cut: it runs to its end, its answer is written, the history is exact, and the process exits 0.
     */
    @Test
    void anApplyRunningWhenStdinClosesFinishesAndIsAnswered() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("slow"));
        new MigrationFiles(migrations).writeRaw("0001_slow.sql", slowMigration(15));
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE)) {
            try (RawStdioSession session = RawStdioSession.start(args(db, migrations)).initialized()) {
                session.send(call("apply", "apply_migration", "{\"confirm\": true}"));
                session.await(m -> "notifications/message".equals(m.path("method").asString()), "apply started");
                assertTrue(session.closeAndAwaitExit(120), "the server ends once the apply has finished");
                assertEquals(0, session.exitCode());
                JsonNode result = session.response("apply").path("result");
                assertFalse(result.path("isError").asBoolean(true), result.toString());
                assertEquals("applied", result.path("structuredContent").path("status").asString(), result.toString());
                assertEquals(List.of(), session.linesThatWereNotJson());
            }
            try (RawStdioSession again = RawStdioSession.start(args(db, migrations)).initialized()) {
                again.send(call("history", "get_history", "{}"));
                JsonNode entries = again.response("history").path("result").path("structuredContent")
                        .path("entries");
                assertEquals(1, entries.size(), entries.toString());
                JsonNode entry = entries.get(0);
                assertEquals(1, entry.path("version").asInt(), entry.toString());
                assertEquals("applied", entry.path("state").asString(), entry.toString());
                assertEquals(30, entry.path("statements_done").asInt(), entry.toString());
                again.send(call("status", "get_current_version", "{}"));
                assertEquals(1, again.response("status").path("result").path("structuredContent")
                        .path("current_version").asInt(), "the whole migration is in");
            }
        }
    }

    /**
     * A call waiting for the human's approval when stdin closes can never get it: the server does not wait for the
     * answer it holds back the end for, changes nothing, and exits.
     */
    @Test
    void aCallWaitingForApprovalWhenStdinClosesChangesNothing() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("one"));
        new MigrationFiles(migrations).writeRaw("0001_t.sql", "-- migrate:description t\n-- migrate:up\n"
                + "CREATE TABLE t (x INT);\n-- migrate:down\nDROP TABLE t;\n");
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE)) {
            try (RawStdioSession session = RawStdioSession.start(args(db, migrations))) {
                session.send(RawStdioSession.INITIALIZE.replace("\"capabilities\":{}",
                        "\"capabilities\":{\"elicitation\":{}}"));
                session.response("init");
                session.send(RawStdioSession.INITIALIZED);
                session.send(call("apply", "apply_migration", "{}"));
                assertEquals("applied", session.response("apply").path("result").path("structuredContent")
                        .path("status").asString());
                session.send(call("rollback", "rollback_to_version", "{\"target_version\": 0, \"confirm\": true}"));
                session.await(m -> "elicitation/create".equals(m.path("method").asString()), "the approval question");
                assertTrue(session.closeAndAwaitExit(30), "the server does not wait for an approval that cannot come");
                assertEquals(0, session.exitCode());
            }
            try (RawStdioSession again = RawStdioSession.start(args(db, migrations)).initialized()) {
                again.send(call("status", "get_current_version", "{}"));
                assertEquals(1, again.response("status").path("result").path("structuredContent")
                        .path("current_version").asInt(), "nothing rolled back");
            }
        }
    }

    static void awaitTable(TestDatabase db, String table) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            while (true) {
                try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, table, null)) {
                    if (rs.next()) {
                        return;
                    }
                }
                assertTrue(System.currentTimeMillis() < deadline, "table " + table + " never appeared");
                Thread.sleep(50);
            }
        }
    }

    /** Statement pairs that each take a moment: a table, then a pause, so that a cancel lands between them. */
    static String slowMigration(int pairs) {
        StringBuilder sqlite = new StringBuilder("-- migrate:description slow\n-- migrate:up dialect=sqlite\n");
        StringBuilder mysql = new StringBuilder("-- migrate:up dialect=mysql\n");
        StringBuilder downSqlite = new StringBuilder("-- migrate:down dialect=sqlite\n");
        StringBuilder downMysql = new StringBuilder("-- migrate:down dialect=mysql\n");
        for (int i = 1; i <= pairs; i++) {
            sqlite.append("CREATE TABLE slow_").append(i).append(" AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL ")
                    .append("SELECT x + 1 FROM c WHERE x < 200000) SELECT x FROM c;\n");
            sqlite.append("DELETE FROM slow_").append(i).append(";\n");
            mysql.append("CREATE TABLE slow_").append(i).append(" (x INT);\n");
            mysql.append("DO SLEEP(0.2);\n");
            downSqlite.append("DROP TABLE IF EXISTS slow_").append(i).append(";\n");
            downMysql.append("DROP TABLE IF EXISTS slow_").append(i).append(";\n");
        }
        return sqlite.append(mysql).append(downSqlite).append(downMysql).toString();
    }

    @Test
    void malformedInputIsAnsweredAndTheSessionGoesOn() throws Exception {
        try (TestDatabase db = TestDatabase.create(DatabaseKind.SQLITE)) {
            Process p = new ProcessBuilder(ServerProcess.java(), "-jar", ServerProcess.jar(), "--url", db.jdbcUrl(),
                    "--migrations", Path.of("migrations").toAbsolutePath().toString(), "--verbose", "serve").start();
            OutputStream in = p.getOutputStream();
            String[] lines = {
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "this is not json",
                "[1, 2, 3]",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"no/such/method\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\",\"arguments\":{}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"apply_migration\","
                        + "\"arguments\":{\"target_version\":{\"x\":1}}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"get_current_version\","
                        + "\"arguments\":{}}}",
            };
            for (String line : lines) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            in.flush();

            Map<String, JsonNode> byId = new HashMap<>();
            int parseErrors = 0;
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while (!byId.containsKey("5") && (line = out.readLine()) != null) {
                JsonNode message = Json.mapper().readTree(line); // every stdout line is protocol
                assertEquals("2.0", message.path("jsonrpc").asString(), line);
                if (message.has("id") && message.get("id").isNull()) {
                    parseErrors++;
                } else if (message.has("id")) {
                    byId.put(message.get("id").asString(), message);
                }
            }
            in.close();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the server ends when stdin closes");

            assertEquals(2, parseErrors, "one error for the non-JSON line and one for the array");
            assertEquals(-32601, byId.get("2").path("error").path("code").asInt());
            assertTrue(byId.get("3").has("error"), byId.get("3").toString());
            assertEquals("invalid_argument", byId.get("4").path("result").path("structuredContent").path("error")
                    .path("code").asString());
            assertEquals(0, byId.get("5").path("result").path("structuredContent").path("current_version").asInt());
        }
    }
}
