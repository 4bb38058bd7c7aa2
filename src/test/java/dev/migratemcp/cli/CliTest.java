package dev.migratemcp.cli;

import dev.migratemcp.json.Json;
import dev.migratemcp.testing.MigrationFiles;
import dev.migratemcp.testing.SqliteContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a script or a person uses it, on SQLite files in a temp folder. */
class CliTest {

    @TempDir
    Path dir;

    private String url;
    private String migrations;
    private final PrintStream realOut = System.out;
    private final PrintStream realErr = System.err;

    record Result(int exit, String out, String err) {
        JsonNode json() {
            return Json.mapper().readTree(out);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        url = "jdbc:sqlite:" + dir.resolve("cli.db");
        Path m = Files.createDirectory(dir.resolve("migrations"));
        migrations = m.toString();
        MigrationFiles files = new MigrationFiles(m);
        files.table(1);
        files.table(2);
        files.table(3);
    }

    @AfterEach
    void restore() {
        System.setOut(realOut);
        System.setErr(realErr);
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "--backups";
            all[1] = dir.resolve("backups").toString();
            System.arraycopy(args, 0, all, 2, args.length);
            int exit = MigrateCommand.run(all);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
    }

    @Test
    void aPendingVersionBelowTheCurrentOneNeedsOutOfOrder() throws Exception {
        Path m = Path.of(migrations);
        Files.delete(m.resolve("0002_table_2.sql"));
        assertEquals(0, run("--url", url, "--migrations", migrations, "migrate").exit());
        new MigrationFiles(m).table(2);
        Result refused = run("--url", url, "--migrations", migrations, "--json", "plan", "--version", "2");
        assertEquals(1, refused.exit(), refused.out());
        assertEquals("out_of_order", refused.json().get("error").get("code").asString());
        assertTrue(refused.json().get("error").get("hint").asString().contains("--out-of-order"));
        assertEquals(1, run("--url", url, "--migrations", migrations, "migrate").exit());

        Result plan = run("--url", url, "--migrations", migrations, "--json", "plan", "--version", "2",
                "--out-of-order");
        assertEquals(0, plan.exit(), plan.out());
        assertEquals("up", plan.json().get("direction").asString());
        Result applied = run("--url", url, "--migrations", migrations, "--json", "--out-of-order", "migrate",
                "--plan-id", plan.json().get("plan_id").asString(), "--version", "2");
        assertEquals(0, applied.exit(), applied.out() + applied.err());
        assertEquals(2, applied.json().get("applied").get(0).get("version").asLong());
    }

    @Test
    void aFlywayConfigurationNamedByFlagSaysWhereTheScriptsAre() throws Exception {
        Path project = Files.createDirectories(dir.resolve("flyway-project/scripts"));
        Files.writeString(project.resolve("V1__One.sql"), "CREATE TABLE one (id INTEGER);");
        Files.writeString(project.resolve("R__View.sql"), "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT 1 AS x;");
        Path conf = Files.writeString(dir.resolve("flyway-project/flyway.conf"), "flyway.locations=filesystem:scripts\n"
                + "flyway.outOfOrder=true\n");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String[] common = {"--url", url, "--migrations", empty.toString(), "--flyway-config", conf.toString()};
        Result status = run(concat(common, "status"));
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("Repeatables due: R__View.sql"), status.out());
        assertTrue(status.out().contains("Warning: flyway.conf: ignored setting 'outOfOrder'"), status.out());
        Result migrate = run(concat(common, "migrate"));
        assertEquals(0, migrate.exit(), migrate.err());
        assertTrue(migrate.out().contains("Ran the repeatable R__View.sql (2 statement(s))"), migrate.out());
    }

    private static List<String> verbNames(String[] args) {
        return MigrateCommand.verbsFor(args).stream().map(MigrateCommand.Verb::name).toList();
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void optionsWorkBeforeAndAfterTheVerb() {
        Result before = run("--url", url, "--migrations", migrations, "--json", "status");
        Result after = run("status", "--json", "--url", url, "--migrations", migrations);
        assertEquals(0, before.exit(), before.err());
        assertEquals(before.out(), after.out());
        JsonNode s = before.json();
        assertEquals(0, s.get("current_version").asLong());
        assertEquals(3, s.get("latest_version").asLong());
        assertEquals(3, s.get("pending_count").asInt());
        assertEquals("clean", s.get("state").asString());
    }

    @Test
    void dryRunSaysWhichMigrationRunsOutsideATransactionAndWhy() {
        new MigrationFiles(Path.of(migrations)).write(4, "compact", null, "DELETE FROM t1 WHERE id > 9;\nVACUUM;", null);
        Result dry = run("--url", url, "--migrations", migrations, "migrate", "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains("-- version 3 up: table 3 (one transaction)"), dry.out());
        assertTrue(dry.out().contains("-- version 4 up: compact (no transaction: progress recorded per statement)\n"
                + "DELETE FROM t1 WHERE id > 9;\n--   ! not_transactional: VACUUM cannot run inside a transaction block on SQLite: "
                + "so this migration runs outside a transaction"), dry.out());
        Result plan = run("--url", url, "--migrations", migrations, "plan", "--version", "4");
        assertTrue(plan.out().contains("--   ! not_transactional: VACUUM cannot run inside a transaction block"),
                plan.out());
    }

    @Test
    void migrateRollbackAndMigrateAgain() {
        Result dry = run("--url", url, "--migrations", migrations, "migrate", "--dry-run");
        assertEquals(0, dry.exit());
        assertTrue(dry.out().contains("CREATE TABLE t1"), dry.out());
        assertEquals(0, run("--url", url, "--migrations", migrations, "--json", "status").json()
                .get("current_version").asLong());

        Result up = run("--url", url, "--migrations", migrations, "migrate", "--version", "2", "--json");
        assertEquals(0, up.exit(), up.err());
        assertEquals(2, up.json().get("to_version").asLong());
        assertEquals(0, run("--url", url, "--migrations", migrations, "migrate").exit());

        Result refused = run("--url", url, "--migrations", migrations, "rollback", "--version", "0");
        assertEquals(2, refused.exit(), "no terminal and no --yes: refuse");
        assertTrue(refused.out().contains("DROP TABLE t3"), refused.out());
        assertTrue(refused.err().contains("--yes"), refused.err());
        assertEquals(3, run("--url", url, "--migrations", migrations, "--json", "status").json()
                .get("current_version").asLong());

        Result down = run("--url", url, "--migrations", migrations, "rollback", "--version", "0", "--yes", "--json");
        assertEquals(0, down.exit(), down.err());
        assertEquals("rolled_back", down.json().get("status").asString());
        assertEquals(0, down.json().get("to_version").asLong());

        assertEquals(0, run("--url", url, "--migrations", migrations, "migrate").exit());
        JsonNode history = run("--url", url, "--migrations", migrations, "--json", "history").json();
        assertEquals(3, history.get("entries").size());
    }

    /**
     * README: rollback, restore, baseline, repair --action and a migrate that loses data, without --yes and with no
     * terminal, print what they would do, exit 2 and change nothing; --dry-run changes nothing, --yes or not. Every
     * table's rows, the history included, and the backups folder are compared before and after each.
     */
    @Test
    void theDestructiveVerbsRefuseWithoutYesAndChangeNothing() throws Exception {
        MigrationFiles files = new MigrationFiles(Path.of(migrations));
        files.write(4, "drop_t1", null, "DROP TABLE t1;",
                "CREATE TABLE t1 (id INTEGER PRIMARY KEY, name VARCHAR(50));");
        assertEquals(0, run("--url", url, "--migrations", migrations, "migrate", "--version", "3").exit());
        execute("INSERT INTO t1 (id, name) VALUES (1, 'kept')");
        String backup = run("--url", url, "--migrations", migrations, "--json", "backup").json().get("id").asString();
        execute("INSERT INTO t2 (id, name) VALUES (1, 'after the backup')");
        Path backups = dir.resolve("backups");
        String before = SqliteContent.of(url, backups);

        List<List<String>> refused = List.of(List.of("migrate"), List.of("rollback", "--version", "0"),
                List.of("restore", "--id", backup));
        for (List<String> verb : refused) {
            Result r = run(withDatabase(verb));
            assertEquals(2, r.exit(), verb + ": " + r.out() + r.err());
            assertTrue((r.out() + r.err()).contains("--yes"), verb + ": " + r.out() + r.err());
            assertFalse(r.out().isBlank(), verb + " prints what it would do");
            assertEquals(before, SqliteContent.of(url, backups), verb.toString());
            List<String> asJson = new java.util.ArrayList<>(List.of("--json"));
            asJson.addAll(verb);
            Result json = run(withDatabase(asJson));
            assertEquals(2, json.exit(), "--json " + verb);
            assertTrue(json.json().isObject(), "--json " + verb + ": stdout is one JSON document: " + json.out());
            assertEquals(before, SqliteContent.of(url, backups), "--json " + verb);
        }
        for (List<String> verb : List.of(List.of("migrate", "--dry-run"), List.of("migrate", "--dry-run", "--yes"),
                List.of("rollback", "--version", "0", "--dry-run"),
                List.of("rollback", "--version", "0", "--dry-run", "--yes"))) {
            Result r = run(withDatabase(verb));
            assertEquals(0, r.exit(), verb + ": " + r.out() + r.err());
            assertTrue(r.out().contains("DROP TABLE"), verb + ": " + r.out());
            assertEquals(before, SqliteContent.of(url, backups), verb.toString());
        }

        Path first = Path.of(migrations).resolve("0001_table_1.sql");
        Files.writeString(first, Files.readString(first) + "-- edited after it was applied\n");
        Result repair = run(withDatabase(List.of("repair", "--version", "1", "--action", "accept_checksum")));
        assertEquals(2, repair.exit(), repair.out() + repair.err());
        assertEquals(before, SqliteContent.of(url, backups), "repair --action without --yes");

        execute("DROP TABLE schema_version");
        String unrecorded = SqliteContent.of(url, backups);
        Result baseline = run(withDatabase(List.of("baseline", "--version", "3")));
        assertEquals(2, baseline.exit(), baseline.out() + baseline.err());
        assertEquals(unrecorded, SqliteContent.of(url, backups), "baseline without --yes");
    }

    /**
     * README's rows for pending, test, new, baseline and backups: pending lists in run order; test rehearses and
     * leaves the database alone, and a rehearsal that fails exits 1; new writes the next file after its rehearsal
     * and writes nothing when that fails (exit 1); baseline --yes records the version; backups lists a backup.
     */
    @Test
    void pendingTestNewBaselineAndBackupsAsTheTableSays() throws Exception {
        JsonNode pending = run(withDatabase(List.of("--json", "pending"))).json().get("pending");
        assertEquals(List.of(1L, 2L, 3L), java.util.stream.StreamSupport.stream(pending.spliterator(), false)
                .map(p -> p.get("version").asLong()).toList());

        Result rehearsed = run(withDatabase(List.of("--json", "test")));
        assertEquals(0, rehearsed.exit(), rehearsed.out() + rehearsed.err());
        assertEquals("ok", rehearsed.json().get("status").asString());
        assertEquals(0, run(withDatabase(List.of("--json", "status"))).json().get("current_version").asLong());

        Result made = run(withDatabase(List.of("new", "--description", "Add notes", "--up",
                "CREATE TABLE notes (id INTEGER PRIMARY KEY);", "--down", "DROP TABLE notes;")));
        assertEquals(0, made.exit(), made.out() + made.err());
        assertTrue(Files.exists(Path.of(migrations).resolve("0004_add_notes.sql")));
        Result broken = run(withDatabase(List.of("new", "--description", "Oops", "--up",
                "CREAT TABLE oops (id INTEGER);")));
        assertEquals(1, broken.exit(), broken.out() + broken.err());
        try (var listed = Files.list(Path.of(migrations))) {
            assertEquals(4, listed.count(), "nothing written for the failing one");
        }

        Path leaky = new MigrationFiles(Path.of(migrations)).write(5, "leaves_a_table", null,
                "CREATE TABLE stays (id INTEGER);", "-- migrate:down noop");
        Files.writeString(leaky, Files.readString(leaky).replace("-- migrate:down\n-- migrate:down noop",
                "-- migrate:down noop"));
        Result failedRehearsal = run(withDatabase(List.of("test", "--version", "5")));
        assertEquals(1, failedRehearsal.exit(), "a down that does not restore the schema: "
                + failedRehearsal.out() + failedRehearsal.err());
        assertTrue((failedRehearsal.out() + failedRehearsal.err()).contains("stays"),
                "the rehearsal names the table the down left: " + failedRehearsal.out() + failedRehearsal.err());
        Files.delete(leaky);

        assertEquals(0, run(withDatabase(List.of("migrate"))).exit());
        execute("DROP TABLE schema_version");
        Result baseline = run(withDatabase(List.of("baseline", "--version", "4", "--yes")));
        assertEquals(0, baseline.exit(), baseline.out() + baseline.err());
        assertEquals(4, run(withDatabase(List.of("--json", "status"))).json().get("current_version").asLong());

        String id = run(withDatabase(List.of("--json", "backup"))).json().get("id").asString();
        JsonNode backups = run(withDatabase(List.of("--json", "backups"))).json().get("backups");
        assertEquals(id, backups.get(0).get("id").asString(), backups.toString());
    }

    private String[] withDatabase(List<String> verb) {
        List<String> all = new java.util.ArrayList<>(List.of("--url", url, "--migrations", migrations));
        all.addAll(verb);
        return all.toArray(String[]::new);
    }

    private void execute(String sql) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(url); var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void showAndValidate() throws Exception {
        run("--url", url, "--migrations", migrations, "migrate");
        Result show = run("--url", url, "--migrations", migrations, "show-migration", "--version", "2");
        assertEquals(0, show.exit());
        assertTrue(show.out().contains("CREATE TABLE t2") && show.out().contains("DROP TABLE t2"), show.out());
        assertEquals(0, run("--url", url, "--migrations", migrations, "validate").exit());

        Path f = Path.of(migrations, "0001_table_1.sql");
        Files.writeString(f, Files.readString(f) + "\n-- an edit\n");
        Result invalid = run("--url", url, "--migrations", migrations, "--json", "validate");
        assertEquals(1, invalid.exit());
        assertFalse(invalid.json().get("valid").asBoolean());
        Result migrate = run("--url", url, "--migrations", migrations, "--json", "migrate");
        assertEquals(1, migrate.exit());
        assertEquals("checksum_mismatch", migrate.json().get("error").get("code").asString());
    }

    /**
     * README's validate-schema and describe-schema rows: drift names the object, exit 1; --no-record leaves a rehearsed
     * reference unrecorded (rehearsed again next time), without it the reference is recorded; describe-schema gives
     * one object or one schema, and an unknown name is an error.
     */
    @Test
    void validateSchemaAndDescribeSchemaAsTheReadmeSays() throws Exception {
        run("--url", url, "--migrations", migrations, "migrate");
        Result valid = run("--url", url, "--migrations", migrations, "--json", "validate-schema");
        assertEquals(0, valid.exit(), valid.out());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.Statement st = c.createStatement()) {
            st.execute("ALTER TABLE t2 ADD COLUMN note TEXT");
        }
        Result drift = run("--url", url, "--migrations", migrations, "--json", "validate-schema");
        assertEquals(1, drift.exit());
        assertEquals(List.of("column_extra t2.note"), problems(drift, "error"));
        Result forPeople = run("--url", url, "--migrations", migrations, "validate-schema");
        assertTrue(forPeople.out().contains("error [column_extra] t2.note: column t2.note exists but no migration "
                + "created it"), "README's form of a difference: " + forPeople.out());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.Statement st = c.createStatement()) {
            st.execute("ALTER TABLE t2 DROP COLUMN note");
            st.execute("DROP TABLE schema_version_snapshots"); // as if migrated before snapshots existed
        }
        for (int i = 0; i < 2; i++) {
            Result unrecorded = run("--url", url, "--migrations", migrations, "--json", "validate-schema",
                    "--no-record");
            assertEquals(0, unrecorded.exit(), unrecorded.out());
            assertTrue(unrecorded.out().contains("reference_rehearsed"), "rehearsed each time: " + unrecorded.out());
        }
        assertTrue(run("--url", url, "--migrations", migrations, "--json", "validate-schema").out()
                .contains("reference_rehearsed"));
        Result recorded = run("--url", url, "--migrations", migrations, "--json", "validate-schema");
        assertEquals(0, recorded.exit());
        assertFalse(recorded.out().contains("reference_rehearsed"), "recorded the time before: " + recorded.out());

        JsonNode one = run("--url", url, "--migrations", migrations, "--json", "describe-schema", "--object", "t2")
                .json();
        assertEquals(1, one.get("tables").size());
        assertEquals("t2", one.get("tables").get(0).get("name").asString());
        assertEquals(3, run("--url", url, "--migrations", migrations, "--json", "describe-schema", "--schema", "main")
                .json().get("tables").size(), "the connection's own schema by its name");
        Result unknown = run("--url", url, "--migrations", migrations, "--json", "describe-schema", "--object", "nope");
        assertEquals(1, unknown.exit());
        assertEquals("unknown_table", unknown.json().get("error").get("code").asString());
    }

    /** README's --schemas flag (PostgreSQL): a schema no migration made is covered once named, and only then. */
    @Test
    void theSchemasFlagCoversAnotherSchema() throws Exception {
        try (var db = dev.migratemcp.testing.TestDatabase.create(dev.migratemcp.dialect.DatabaseKind.POSTGRESQL);
             var other = dev.migratemcp.testing.TestDatabase.create(dev.migratemcp.dialect.DatabaseKind.POSTGRESQL)) {
            try (java.sql.Connection c = other.connect(); java.sql.Statement st = c.createStatement()) {
                st.execute("CREATE TABLE elsewhere (id INTEGER)");
            }
            JsonNode plain = run("--url", db.jdbcUrl(), "--migrations", migrations, "--json", "describe-schema").json();
            assertEquals(0, plain.get("schemas").size(), plain.toString());
            JsonNode named = run("--url", db.jdbcUrl(), "--migrations", migrations, "--schemas", other.name(),
                    "--json", "describe-schema").json();
            assertEquals(other.name(), named.get("schemas").get(0).asString(), named.toString());
            assertEquals(other.name() + ".elsewhere", named.get("tables").get(0).get("name").asString());
        }
    }

    private static List<String> problems(Result r, String severity) {
        List<String> found = new java.util.ArrayList<>();
        r.json().get("problems").forEach(p -> {
            if (p.get("severity").asString().equals(severity)) {
                found.add(p.get("kind").asString() + " " + p.get("object").asString());
            }
        });
        return found;
    }

    @Test
    void repairShowsAndAcceptsAnEditedFile() throws Exception {
        run("--url", url, "--migrations", migrations, "migrate");
        Path file = Path.of(migrations).resolve("0002_table_2.sql");
        Files.writeString(file, Files.readString(file).replace("DROP TABLE t2;", "DROP TABLE IF EXISTS t2;"));
        assertEquals(1, run("--url", url, "--migrations", migrations, "validate").exit());
        Result shown = run("--url", url, "--migrations", migrations, "repair", "--version", "2");
        assertEquals(0, shown.exit(), shown.err());
        assertTrue(shown.out().contains("applied, but its file changed after it was applied"), shown.out());
        assertTrue(shown.out().contains("* accept_checksum: records the file's checksum"), shown.out());
        assertTrue(shown.out().contains("    DROP TABLE IF EXISTS t2;"), shown.out());
        assertEquals(2, run("--url", url, "--migrations", migrations, "repair", "--version", "2", "--action",
                "accept_checksum").exit(), "refused without --yes");
        Result accepted = run("--url", url, "--migrations", migrations, "--json", "repair", "--version", "2",
                "--action", "accept_checksum", "--yes");
        assertEquals(0, accepted.exit(), accepted.out());
        assertEquals("repaired", accepted.json().get("status").asString());
        assertEquals("file_changed", accepted.json().get("problem").asString());
        assertEquals(0, run("--url", url, "--migrations", migrations, "validate").exit());
    }

    @Test
    void aConfigFileStandsInForTheOptions() throws Exception {
        Path config = Files.writeString(dir.resolve("migrate-mcp.json"), "{\"url\": \"jdbc:sqlite:"
                + dir.resolve("configured.db").toString().replace("\\", "/") + "\", \"migrations\": \"migrations\"}");
        Result r = run("--config", config.toString(), "--json", "migrate");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(Files.exists(dir.resolve("configured.db")));
        assertEquals(3, run("--config", config.toString(), "--json", "status").json().get("current_version")
                .asLong());
        Files.writeString(config, "{\"migration\": \"x\"}");
        Result bad = run("--config", config.toString(), "status");
        assertEquals(2, bad.exit());
        assertTrue(bad.out().contains("unknown key(s) [migration]") || bad.err().contains("unknown key(s) [migration]"),
                bad.out() + bad.err());
    }

    @Test
    void onlyTheVerbsNamedAreBuiltUnlessHelpIsWanted() {
        assertEquals(java.util.List.of("status"), verbNames(new String[]{"--url", url, "status"}));
        assertEquals(java.util.List.of("status", "migrate"),
                verbNames(new String[]{"--migrations", "migrate", "status"}),
                "a folder named like a verb costs a second verb, nothing more");
        assertEquals(19, MigrateCommand.verbsFor(new String[]{"--help"}).size());
        assertEquals(19, MigrateCommand.verbsFor(new String[]{"--url", url}).size());
        assertEquals(2, run("--url", url, "--migrations", migrations, "--migrations", migrations, "status").exit(),
                "a repeated option is a usage error, not a crash");
    }

    @Test
    void backupAndRestoreNeedNoMigrationFiles() {
        assertEquals(0, run("--url", url, "--migrations", migrations, "migrate").exit());
        String gone = dir.resolve("no-such-folder").toString();
        Result backup = run("--url", url, "--migrations", gone, "--json", "backup");
        assertEquals(0, backup.exit(), backup.out() + backup.err());
        assertEquals(3, backup.json().get("schema_version").asLong());
        assertEquals(0, run("--url", url, "--migrations", migrations, "rollback", "--version", "0", "--yes",
                "--backup-before", "never").exit());
        Result restored = run("--url", url, "--migrations", gone, "--json", "restore", "--id",
                backup.json().get("id").asString(), "--yes");
        assertEquals(0, restored.exit(), restored.out() + restored.err());
        assertEquals(3, run("--url", url, "--migrations", migrations, "--json", "status").json()
                .get("current_version").asLong());
        JsonNode history = run("--url", url, "--migrations", gone, "--json", "history").json();
        assertEquals(3, history.get("entries").size(), "the history reads without the files");
        assertFalse(history.get("entries").get(0).get("file_present").asBoolean());
    }

    /**
     * verify-backup --deep restores into a scratch database and compares with the manifest: a backup whose file is
     * sound but whose rows differ from what the manifest recorded passes the plain check and fails the deep one.
     */
    @Test
    void verifyBackupDeepComparesARestoredCopyWithTheManifest() throws Exception {
        assertEquals(0, run("--url", url, "--migrations", migrations, "migrate").exit());
        Result backup = run("--url", url, "--migrations", migrations, "--json", "backup");
        String id = backup.json().get("id").asString();
        Result deep = run("--url", url, "--migrations", migrations, "--json", "verify-backup", "--id", id, "--deep");
        assertEquals(0, deep.exit(), deep.out() + deep.err());
        assertTrue(deep.json().get("deep").asBoolean());
        assertTrue(deep.json().get("valid").asBoolean());

        // the manifest now records one more row in every table than the file holds
        Path manifest = dir.resolve("backups").resolve(id + ".json");
        tools.jackson.databind.node.ObjectNode json = (tools.jackson.databind.node.ObjectNode) Json.mapper()
                .readTree(Files.readString(manifest));
        tools.jackson.databind.node.ObjectNode counts = (tools.jackson.databind.node.ObjectNode) json.get("row_counts");
        counts.propertyNames().forEach(table -> counts.put(table, counts.get(table).asLong() + 1));
        Files.writeString(manifest, Json.mapper().writeValueAsString(json));
        Result plain = run("--url", url, "--migrations", migrations, "--json", "verify-backup", "--id", id);
        assertEquals(0, plain.exit(), "the file itself is as recorded: " + plain.out());
        Result damaged = run("--url", url, "--migrations", migrations, "--json", "verify-backup", "--id", id,
                "--deep");
        assertEquals(1, damaged.exit(), damaged.out());
        assertFalse(damaged.json().get("valid").asBoolean());
        assertTrue(damaged.json().get("problems").toString().contains("rows"), damaged.out());
    }

    /** With no verb, what there is: the usage, its list of verbs among it. */
    @Test
    void noVerbShowsTheVerbs() {
        Result bare = run();
        assertEquals(0, bare.exit());
        assertTrue(bare.err().contains("Commands:"), bare.err());
        for (String verb : List.of("status", "migrate", "rollback", "restore", "serve")) {
            assertTrue(bare.err().contains("  " + verb + " "), verb + " listed: " + bare.err());
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("--url", url, "frobnicate").exit());
        assertEquals(2, run("--url", url, "rollback").exit(), "--version is required");
        assertEquals(2, run("--url", url, "migrate", "--version", "abc").exit());
        Result badUrl = run("--url", "oracle://x/y", "status");
        assertEquals(2, badUrl.exit());
        assertTrue(badUrl.err().contains("invalid_config"), badUrl.err());
        Result negative = run("--url", url, "--migrations", migrations, "--json", "migrate", "--version", "-1");
        assertEquals(2, negative.exit());
        assertEquals("invalid_argument", negative.json().get("error").get("code").asString());
    }

    /** Flyway's dotted versions beside ours: {@code --version 1.1} reaches exactly 1.1; JSON shows it as a string. */
    @Test
    void dottedVersionArgumentsAndResults() throws Exception {
        Path m = Path.of(migrations);
        Files.writeString(m.resolve("V1_1__one_one.sql"), "CREATE TABLE t11 (id INTEGER);");
        Files.writeString(m.resolve("U1_1__one_one.sql"), "DROP TABLE t11;");
        Files.writeString(m.resolve("V1.2__one_two.sql"), "CREATE TABLE t12 (id INTEGER);");
        Result up = run("--url", url, "--migrations", migrations, "--json", "migrate", "--version", "1.1");
        assertEquals(0, up.exit(), up.out() + up.err());
        assertEquals("1.1", up.json().get("to_version").asString());
        assertEquals(1, up.json().get("applied").get(0).get("version").asInt());
        assertEquals("1.1", up.json().get("applied").get(1).get("version").asString());
        Result status = run("--url", url, "--migrations", migrations, "--json", "status");
        assertEquals("[1.2,2,3]", status.json().get("pending_versions").toString().replace("\"", ""));
        Result text = run("--url", url, "--migrations", migrations, "show-migration", "--version", "1.10");
        assertTrue(text.exit() != 0 && text.err().contains("1.10"), "1.10 is not 1.1: " + text.out() + text.err());
        Result back = run("--url", url, "--migrations", migrations, "--json", "rollback", "--version", "1", "--yes");
        assertEquals(0, back.exit(), back.out() + back.err());
        assertEquals("1.1", back.json().get("reverted").get(0).get("version").asString());
        assertEquals(1, run("--url", url, "--migrations", migrations, "--json", "status").json()
                .get("current_version").asInt());
    }

    @Test
    void versionArgumentsAreReadExactlyAndRefusedOutOfRange() {
        String aboveMax = "9007199254740992"; // 2^53: a long, but not a version
        List<String[]> refused = List.of(
                new String[]{"show-migration", "--version", aboveMax},
                new String[]{"rollback", "--version", "18446744073709551616", "--yes"}, // 2^64 must not wrap to 0
                new String[]{"plan", "--version", "-1"},
                new String[]{"migrate", "--version", aboveMax},
                new String[]{"repair", "--version", "1..2"},
                new String[]{"show-migration", "--version", "1.9007199254740992"},
                new String[]{"test", "--version", aboveMax},
                new String[]{"baseline", "--version", aboveMax},
                new String[]{"validate-schema", "--expected-version", aboveMax},
                new String[]{"new", "--description", "x", "--up", "SELECT 1;", "--depends-on", "1," + aboveMax});
        for (String[] verb : refused) {
            List<String> args = new java.util.ArrayList<>(List.of("--url", url, "--migrations", migrations));
            args.addAll(List.of(verb));
            Result r = run(args.toArray(String[]::new));
            assertEquals(2, r.exit(), String.join(" ", verb) + ": " + r.out() + r.err());
            assertTrue(r.err().contains("2^53 - 1"), r.err());
        }
        Result json = run("--url", url, "--migrations", migrations, "--json", "rollback", "--version", aboveMax);
        assertEquals(2, json.exit());
        assertEquals("invalid_argument", json.json().get("error").get("code").asString());
        assertTrue(json.json().get("error").get("message").asString().contains("out of range"), json.out());
        assertEquals(0, run("--url", url, "--migrations", migrations, "migrate", "--version", "0002").exit(),
                "leading zeros read as the number they are");
        assertTrue(run("--url", url, "--migrations", migrations, "--json", "status").json().get("current_version")
                .asLong() == 2);
    }

    @Test
    void statusListsThePassedOverEntriesAndWhereTheHistoryComesFrom() throws Exception {
        Files.writeString(Path.of(migrations, "notes.txt"), "not a migration");
        assertEquals(0, run("--url", url, "--migrations", migrations, "migrate").exit());
        Result text = run("--url", url, "--migrations", migrations, "status");
        assertTrue(text.out().contains("Warning: notes.txt: ignored: not a migration file"), text.out());
        assertTrue(text.out().contains("History:         schema_version"), text.out());
        Result json = run("--url", url, "--migrations", migrations, "--json", "validate");
        assertEquals(0, json.exit(), "a warning, never fatal");
        assertEquals("ignored_file", json.json().get("problems").get(0).get("kind").asString());
    }

    @Test
    void failuresExitWithOneAndAStructuredError() {
        new MigrationFiles(Path.of(migrations)).write(4, "broken", null, "CREATE TABLE t4 (id INTEGER);\nSELEC 1;",
                "DROP TABLE t4;");
        Result r = run("--url", url, "--migrations", migrations, "--json", "migrate");
        assertEquals(1, r.exit());
        JsonNode error = r.json().get("error");
        assertEquals("migration_failed", error.get("code").asString());
        assertEquals(4, error.get("details").get("version").asLong());
        assertEquals(2, error.get("details").get("statement_index").asInt());
        assertFalse(error.get("hint").asString().isEmpty());
        Result missing = run("--url", url, "--migrations", dir.resolve("nowhere").toString(), "status");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("migrations_dir_not_found"), missing.err());
    }

    @Test
    void passwordsNeverAppearInOutput() {
        Result r = run("--url", "postgresql://alice:hunter2secret@127.0.0.1:1/nowhere", "--migrations", migrations,
                "--json", "status");
        assertEquals(1, r.exit());
        assertEquals("connection_failed", r.json().get("error").get("code").asString());
        assertFalse((r.out() + r.err()).contains("hunter2secret"), r.out() + r.err());
        Result r2 = run("--url", "jdbc:mysql://127.0.0.1:1/x?user=a&password=hunter2secret", "--migrations",
                migrations, "status", "--verbose");
        assertFalse((r2.out() + r2.err()).contains("hunter2secret"), r2.out() + r2.err());
        Result r3 = run("--url", "postgresql://127.0.0.1:1/x", "--password", "hunter2secret", "--migrations",
                migrations, "status");
        assertFalse((r3.out() + r3.err()).contains("hunter2secret"), r3.out() + r3.err());
    }

    @Test
    void helpListsTheVerbs() {
        Result r = run("--help");
        assertEquals(0, r.exit());
        for (String verb : new String[]{"status", "pending", "migrate", "rollback", "history", "show-migration",
                "validate"}) {
            assertTrue(r.out().contains(verb), verb);
        }
    }
}
