package dev.migratemcp.engine;

import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.testing.EngineFixture;
import dev.migratemcp.testing.MigrationFiles;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.migratemcp.testing.Versions.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README (Drift): "A process killed in the middle of a run leaves the versions it reached without a record, and
 * validation rehearses them instead." A real migrate process is killed (SIGKILL) in a run of three, after versions 1
 * and 2 committed and before version 3 began ({@link PausingChild}); their records were still waiting in memory.
 */
class KilledRunSnapshotsTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path migrations;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theVersionsAKilledRunReachedHaveNoRecordAndAreValidatedByRehearsal(DatabaseKind kind) throws Exception {
        MigrationFiles files = new MigrationFiles(migrations);
        files.table(1);
        files.write(2, "indexed", null, "CREATE TABLE t2 (id INTEGER PRIMARY KEY, n INTEGER);\n"
                + "CREATE INDEX idx_t2_n ON t2 (n);", "DROP TABLE t2;");
        files.table(3);
        TestDatabase db = fixture.database(kind);

        assertEquals("PAUSED 3", runAndKillAtVersion(db, "3"));

        MigrationEngine engine = fixture.engine(db, migrations);
        StatusReport status = engine.status();
        assertEquals(v(2), status.currentVersion(), "the kill came after version 2 committed");
        assertEquals("clean", status.state());
        assertEquals(List.of(), recordedVersions(db), "the versions the killed run reached have no record");

        ValidationReport validation = engine.validateSchema(null, false);
        assertTrue(validation.valid(), validation.problems().toString());
        assertTrue(validation.driftChecked(), "validation found a reference: " + validation.problems());
        assertTrue(validation.problems().stream().anyMatch(p -> p.kind().equals("reference_rehearsed")
                && v(2).equals(p.version())), "the reference was rehearsed: " + validation.problems());
        assertEquals(List.of(), recordedVersions(db), "asked not to record, validation wrote nothing");

        // the next run finishes the work and records its versions as any run does
        assertEquals("applied", engine.apply(null, false, ProgressListener.NONE).status());
        assertEquals(List.of("3"), recordedVersions(db));
        ValidationReport after = engine.validateSchema(null, false);
        assertTrue(after.valid(), after.problems().toString());
        assertFalse(after.problems().stream().anyMatch(p -> p.kind().equals("reference_rehearsed")),
                after.problems().toString());
    }

    /** Starts {@link PausingChild} on the database, kills it where it paused, and returns what it printed. */
    private String runAndKillAtVersion(TestDatabase db, String version) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), PausingChild.class.getName(),
                migrations.toString(), db.jdbcUrl(), version));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            return out.readLine();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs in the child
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
    }

    private static List<String> recordedVersions(TestDatabase db) throws Exception {
        List<String> versions = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM " + Config.DEFAULT_HISTORY_TABLE
                     + "_snapshots ORDER BY version")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }
}
