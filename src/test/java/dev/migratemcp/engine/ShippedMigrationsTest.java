package dev.migratemcp.engine;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.migration.Version;
import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema we ship in {@code migrations/}, on every database: each migration goes up, down and up again, and the
 * schema after its down must be exactly the schema before its up.
 */
class ShippedMigrationsTest {

    private static final Path SHIPPED = Path.of("migrations");

    private TestDatabase db;
    private MigrationEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private void open(DatabaseKind kind) {
        db = TestDatabase.create(kind);
        engine = new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null, SHIPPED.toString(),
                null, 10.0, null, "never", null), Map.of()));
    }

    /** The live schema without the engine's own tables (history and recorded snapshots). */
    private SchemaSnapshot snapshot() {
        return engine.describeSchema(null);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyMigrationGoesUpDownAndUpAgainExactly(DatabaseKind kind) throws Exception {
        open(kind);
        List<Version> versions = engine.pending().pending().stream().map(PendingReport.PendingMigration::version)
                .toList();
        assertTrue(versions.size() >= 9, "the shipped schema has its nine or more migrations: " + versions);
        Version previous = Version.ZERO;
        SchemaSnapshot before = snapshot();
        assertTrue(before.tables().isEmpty());
        for (Version version : versions) {
            engine.apply(version, false, ProgressListener.NONE);
            SchemaSnapshot afterUp = snapshot();
            assertFalse(afterUp.equals(before), "version " + version + " changes the schema");

            engine.rollback(previous, ProgressListener.NONE);
            assertEquals(before, snapshot(), "down of version " + version + " restores the schema exactly on " + kind);

            engine.apply(version, false, ProgressListener.NONE);
            assertEquals(afterUp, snapshot(), "up of version " + version + " again gives the same schema on " + kind);
            before = afterUp;
            previous = version;
        }
        assertTrue(engine.validate().valid());
        engine.rollback(v(0), ProgressListener.NONE);
        assertTrue(snapshot().tables().isEmpty() && snapshot().views().isEmpty(), "rollback to 0 leaves nothing");
    }

    /** Version 4 parses the JSON stored in request_logs in batches; invalid or missing JSON stays NULL. */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void dataMigrationParsesStoredJsonInBatches(DatabaseKind kind) throws Exception {
        open(kind);
        engine.apply(v(3), false, ProgressListener.NONE);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (int i = 1; i <= 2100; i++) {
                String headers = switch (i % 3) {
                    case 0 -> "'{\"Content-Type\": \"application/json\", \"X-N\": " + i + "}'";
                    case 1 -> "'not json {'";
                    default -> "NULL";
                };
                s.addBatch("INSERT INTO request_logs (method, path, response_status, headers, query_params) VALUES "
                        + "('GET', '/items/" + i + "', 200, " + headers + ", '{\"page\": \"" + i + "\"}')");
            }
            s.executeBatch();
        }
        long[] batches = {0};
        engine.apply(v(4), false, new ProgressListener() {
            @Override
            public void batchDone(Version version, int statementIndex, long number, long total, long rows) {
                batches[0]++;
            }
        });
        assertTrue(batches[0] >= 2, "2100 rows take more than one batch: " + batches[0]);
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, headers, parsed_headers, parsed_query_params FROM request_logs "
                     + "ORDER BY id")) {
            int n = 0;
            while (rs.next()) {
                n++;
                String headers = rs.getString(2);
                String parsed = rs.getString(3);
                if (headers == null || headers.startsWith("not json")) {
                    assertNull(parsed, "row " + rs.getLong(1));
                } else {
                    assertTrue(parsed != null && parsed.contains("application/json"), "row " + rs.getLong(1)
                            + ": " + parsed);
                }
                assertTrue(rs.getString(4) != null && rs.getString(4).contains("page"), rs.getString(4));
            }
            assertEquals(2100, n);
        }
    }
}
