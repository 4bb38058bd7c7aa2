package dev.migratemcp.engine;

import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.testing.MigrationFiles;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static dev.migratemcp.testing.Versions.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run of migrations records the schema of every version it reaches (see {@link SnapshotRun}), however each
 * version's tables are had: read right after it (named again later, or run outside a transaction), taken from the
 * whole read at the end (named by no later migration), or read whole (a statement the footprint does not
 * understand). Rolled back to each version in turn, the database must match that version's record exactly, and
 * the record must be the one the run wrote, not a rehearsal.
 */
class SnapshotRunTest {

    @TempDir
    Path dir;

    /** the database of the test running */
    private TestDatabase db;

    private MigrationEngine engine(TestDatabase db) {
        this.db = db;
        return new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null, dir.toString(),
                null, 10.0, null, "never", null), Map.of()));
    }

    /** Eight versions mixing the ways a version's tables are read; every one reversible. */
    private void writeMigrations(DatabaseKind kind) {
        MigrationFiles files = new MigrationFiles(dir);
        String outside = kind == DatabaseKind.MYSQL ? null : "-- migrate:no_transaction";
        files.write(1, "a", null, "CREATE TABLE a (id INTEGER PRIMARY KEY, x VARCHAR(10) CHECK (x <> ''));\n"
                + "CREATE INDEX a_x ON a (x);", "DROP TABLE a;");
        files.write(2, "b", null, "CREATE TABLE b (id INTEGER PRIMARY KEY);", "DROP TABLE b;");
        files.write(3, "a_y", null, "ALTER TABLE a ADD COLUMN y VARCHAR(10);", "ALTER TABLE a DROP COLUMN y;");
        files.write(4, "c_outside", outside, "CREATE TABLE c (id INTEGER PRIMARY KEY);", "DROP TABLE c;");
        files.write(5, "d_and_b", null, "CREATE TABLE d (id INTEGER PRIMARY KEY);\n"
                + "ALTER TABLE b ADD COLUMN z INTEGER;", "ALTER TABLE b DROP COLUMN z;\nDROP TABLE d;");
        files.write(6, "data", null, "INSERT INTO a (id, x) VALUES (1, 'one');", "DELETE FROM a WHERE id = 1;");
        files.write(7, "view", null, "CREATE VIEW va AS SELECT id, x FROM a;", "DROP VIEW va;");
        files.write(8, "d_w", null, "ALTER TABLE d ADD COLUMN w INTEGER;", "ALTER TABLE d DROP COLUMN w;");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyVersionOfOneRunHasItsExactRecord(DatabaseKind kind) {
        writeMigrations(kind);
        try (TestDatabase db = TestDatabase.create(kind); MigrationEngine engine = engine(db)) {
            engine.apply(null, false, ProgressListener.NONE);
            for (long version = 8; version >= 0; version--) {
                if (version < 8) {
                    engine.rollback(v(version), ProgressListener.NONE);
                }
                assertMatchesItsOwnRecord(engine, version);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theVersionsBeforeAFailureKeepTheirRecords(DatabaseKind kind) {
        writeMigrations(kind);
        // fails at its first statement, so on every database it leaves nothing behind
        new MigrationFiles(dir).writeRaw("0004_c_outside.sql", "-- migrate:up\nINSERT INTO no_such_table VALUES (1);"
                + "\nCREATE TABLE c (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE c;\n");
        try (TestDatabase db = TestDatabase.create(kind); MigrationEngine engine = engine(db)) {
            assertThrows(MigrateException.class, () -> engine.apply(null, false, ProgressListener.NONE));
            assertMatchesItsOwnRecord(engine, 3);
            engine.rollback(v(1), ProgressListener.NONE);
            assertMatchesItsOwnRecord(engine, 1);
        }
    }

    /**
     * A migration outside a transaction that stops part-way leaves its first statement done: the records written
     * after the failure must hold the tables it names as they were before it, not as it left them.
     */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aFailurePartWayDoesNotLeakIntoTheRecordsBeforeIt(DatabaseKind kind) {
        writeMigrations(kind);
        String outside = kind == DatabaseKind.MYSQL ? "" : "-- migrate:no_transaction\n";
        // statement k of the up is undone by statement n-k+1 of the down
        new MigrationFiles(dir).writeRaw("0004_c_outside.sql", outside + "-- migrate:up\n"
                + "ALTER TABLE a ADD COLUMN q INTEGER;\nINSERT INTO no_such_table VALUES (1);\n"
                + "-- migrate:down\nSELECT 1;\nALTER TABLE a DROP COLUMN q;\n");
        try (TestDatabase db = TestDatabase.create(kind); MigrationEngine engine = engine(db)) {
            assertThrows(MigrateException.class, () -> engine.apply(null, false, ProgressListener.NONE));
            engine.repair(v(4), "revert_partial", true, ProgressListener.NONE);
            assertMatchesItsOwnRecord(engine, 3);
        }
    }

    private void assertMatchesItsOwnRecord(MigrationEngine engine, long version) {
        ValidationReport report = engine.validateSchema(v(version));
        assertTrue(report.valid(), "at version " + version + ": " + report.problems());
        assertTrue(report.driftChecked(), "at version " + version);
        List<String> rehearsed = report.problems().stream().map(ValidationReport.Problem::kind)
                .filter("reference_rehearsed"::equals).toList();
        assertEquals(List.of(), rehearsed, "version " + version + " has the record its run wrote");
        if (version == 0) {
            return; // no migration applied: nothing recorded, the reference is the empty schema
        }
        // not only no difference: the record holds every kind and attribute, as a whole read of the schema does
        try (Connection c = db.connect()) {
            assertEquals(engine.snapshots().live(c), engine.snapshots().find(c, v(version)).orElseThrow().snapshot(),
                    "version " + version + "'s record is the whole schema");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
