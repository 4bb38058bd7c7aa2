package dev.migratemcp.engine;

import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.Version;
import dev.migratemcp.testing.EngineFixture;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.migratemcp.testing.Versions.vs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The very first runs of a new Flyway project whose {@code defaultSchema} does not exist yet: two runs at once must
 * end as two runs one after the other would (one migrates, the other waits and finds nothing to do, or gives up with
 * {@code lock_timeout}), never with a database error or a migration applied twice. On PostgreSQL the schema is made
 * by the first run; a second run starting after that must still take the same lock as the first.
 */
class FirstRunRaceTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path migrationsDir;

    private TestDatabase db;
    private String projectSchema;
    private final List<MigrationEngine> engines = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void dropProjectSchema() throws Exception {
        threads.shutdownNow();
        engines.forEach(MigrationEngine::close);
        if (db != null && db.kind() == DatabaseKind.POSTGRESQL) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS \"" + projectSchema + "\" CASCADE");
            }
        }
    }

    private void newProject(DatabaseKind kind) throws Exception {
        db = fixture.database(kind);
        projectSchema = db.name() + "_new";
        Files.writeString(migrationsDir.resolve("flyway.conf"), "flyway.defaultSchema=" + projectSchema + "\n");
        Files.writeString(migrationsDir.resolve("V1__Create_items.sql"), "CREATE TABLE items (id INTEGER PRIMARY KEY);\n");
        Files.writeString(migrationsDir.resolve("V2__Create_notes.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY, "
                + "item INTEGER REFERENCES items (id));\n");
    }

    private MigrationEngine engine(double lockTimeoutSeconds) {
        MigrationEngine engine = new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null,
                migrationsDir.toString(), null, lockTimeoutSeconds, null, "never", null), Map.of()));
        engines.add(engine);
        return engine;
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MYSQL"})
    void aRunStartedWhileTheFirstRunHoldsTheLockWaitsForIt(DatabaseKind kind) throws Exception {
        newProject(kind);
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        MigrationEngine first = engine(30);
        // the first run stops just before its first migration: the schema and the history table are made by then
        Future<ApplyReport> firstRun = threads.submit(() -> first.apply(null, false, new ProgressListener() {
            @Override
            public void migrationStarted(Version version, String description, Direction direction, int position,
                                         int planSize) {
                if (position == 1) {
                    paused.countDown();
                    await(resume);
                }
            }
        }));
        assertTrue(paused.await(30, TimeUnit.SECONDS), "the first run reached its first migration");

        MigrationEngine second = engine(1);
        MigrateException refused = assertThrows(MigrateException.class,
                () -> second.apply(null, false, ProgressListener.NONE));
        assertEquals(ErrorCode.LOCK_TIMEOUT, refused.code(), refused.getMessage());

        resume.countDown();
        ApplyReport applied = firstRun.get(60, TimeUnit.SECONDS);
        assertEquals(vs(1, 2), applied.applied().stream().map(ApplyReport.AppliedMigration::version).toList());
        assertEquals("up_to_date", second.apply(null, false, ProgressListener.NONE).status());
        assertEveryVersionOnceInTheProjectSchema(kind);
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MYSQL"})
    void twoFirstRunsStartedAtOnceApplyEveryMigrationOnce(DatabaseKind kind) throws Exception {
        newProject(kind);
        List<MigrationEngine> two = List.of(engine(30), engine(30));
        for (MigrationEngine e : two) {
            e.status(); // connected and warm, so that the barrier releases both runs at the same moment
        }
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<ApplyReport>> runs = new ArrayList<>();
        for (MigrationEngine e : two) {
            runs.add(threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return e.apply(null, false, ProgressListener.NONE);
            }));
        }
        List<String> statuses = new ArrayList<>();
        int appliedCount = 0;
        for (Future<ApplyReport> run : runs) {
            ApplyReport report = run.get(60, TimeUnit.SECONDS);
            statuses.add(report.status());
            appliedCount += report.applied().size();
        }
        assertEquals(List.of("applied", "up_to_date"), statuses.stream().sorted().toList());
        assertEquals(2, appliedCount, "each migration applied by one run only");
        assertEveryVersionOnceInTheProjectSchema(kind);
    }

    private void assertEveryVersionOnceInTheProjectSchema(DatabaseKind kind) throws Exception {
        // PostgreSQL: the project's schema holds the history and the tables; MySQL: the URL's database does
        String table = kind == DatabaseKind.POSTGRESQL ? "\"" + projectSchema + "\".schema_version" : "schema_version";
        List<String> versions = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM " + table + " ORDER BY version")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        assertEquals(List.of("1", "2"), versions);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never resumed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
