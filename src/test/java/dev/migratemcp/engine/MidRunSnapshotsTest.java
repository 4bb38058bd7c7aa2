package dev.migratemcp.engine;

import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.testing.MigrationFiles;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static dev.migratemcp.testing.Versions.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A version in the middle of a run has a record as complete as the run's last: the function, type, sequence and
 * table in another schema a middle migration made are in it (PostgreSQL; MySQL: a routine and a CHECK), so a hand
 * change to any of them, after a rollback to that version or to one after it, is exactly one difference.
 */
class MidRunSnapshotsTest {

    @TempDir
    Path dir;

    private TestDatabase db;
    /** the other schema of this test, named after the test's database so that parallel runs do not meet */
    private String app;

    @BeforeEach
    void open() {
        db = TestDatabase.create(DatabaseKind.POSTGRESQL);
        app = db.name() + "_app";
    }

    @AfterEach
    void close() throws Exception {
        if (db != null) {
            execute("DROP SCHEMA IF EXISTS " + app + " CASCADE");
            db.close();
        }
    }

    private void execute(String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Four versions: the second makes the other kinds; the third's table change is re-read, the fourth's not. */
    private void writeMigrations() {
        MigrationFiles files = new MigrationFiles(dir);
        files.write(1, "a", null, "CREATE TABLE a (id INTEGER PRIMARY KEY);", "DROP TABLE a;");
        files.write(2, "kinds", null, "CREATE SCHEMA " + app + ";\n"
                        + "CREATE TABLE " + app + ".t (id INTEGER PRIMARY KEY);\n"
                        + "CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1';\n"
                        + "CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
                        + "CREATE SEQUENCE tickets START 10;",
                "DROP SEQUENCE tickets;\nDROP TYPE mood;\nDROP FUNCTION f();\nDROP SCHEMA " + app + " CASCADE;");
        files.write(3, "a_x", null, "ALTER TABLE a ADD COLUMN x INTEGER;", "ALTER TABLE a DROP COLUMN x;");
        files.write(4, "a_y", null, "ALTER TABLE a ADD COLUMN y INTEGER;", "ALTER TABLE a DROP COLUMN y;");
    }

    @Test
    void handChangesAtAVersionInTheMiddleOfARunAreEachOneDifference() throws Exception {
        writeMigrations();
        try (MigrationEngine engine = new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null,
                null, dir.toString(), null, 10.0, null, "never", null), Map.of()))) {
            engine.apply(null, false, ProgressListener.NONE);
            for (long version : new long[]{3, 2}) {
                engine.rollback(v(version), ProgressListener.NONE);
                assertUntouched(engine, version);
                String[][] changes = {
                        // {the one difference, the hand change, its undoing}
                        {"routine_changed f()", "CREATE OR REPLACE FUNCTION f() RETURNS integer LANGUAGE sql AS "
                                + "'SELECT 2'", "CREATE OR REPLACE FUNCTION f() RETURNS integer LANGUAGE sql AS "
                                + "'SELECT 1'"},
                        {"type_changed mood", "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'",
                                "ALTER TYPE mood RENAME VALUE 'fine' TO 'ok'"},
                        {"sequence_changed tickets", "ALTER SEQUENCE tickets INCREMENT BY 5",
                                "ALTER SEQUENCE tickets INCREMENT BY 1"},
                        {"column_extra " + app + ".t.extra", "ALTER TABLE " + app + ".t ADD COLUMN extra INTEGER",
                                "ALTER TABLE " + app + ".t DROP COLUMN extra"},
                };
                for (String[] change : changes) {
                    execute(change[1]);
                    assertEquals(List.of(change[0]), errors(engine.validateSchema(v(version))),
                            "at version " + version + " after " + change[1]);
                    execute(change[2]);
                }
                assertUntouched(engine, version);
            }
        }
    }

    /** MySQL: a routine and a CHECK made in the middle of a run are in that version's record too. */
    @Test
    void mysqlRoutinesAndChecksOfAVersionInTheMiddleOfARunAreCompared() throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        files.write(1, "a", null, "CREATE TABLE a (id INT NOT NULL PRIMARY KEY);", "DROP TABLE a;");
        files.write(2, "kinds", null, "CREATE FUNCTION add_one(x INT) RETURNS INT DETERMINISTIC RETURN x + 1;\n"
                + "CREATE TABLE b (id INT NOT NULL PRIMARY KEY, qty INT, CONSTRAINT b_qty CHECK (qty >= 0));",
                "DROP TABLE b;\nDROP FUNCTION add_one;");
        files.write(3, "b_x", null, "ALTER TABLE b ADD COLUMN x INT;", "ALTER TABLE b DROP COLUMN x;");
        files.write(4, "a_y", null, "ALTER TABLE a ADD COLUMN y INT;", "ALTER TABLE a DROP COLUMN y;");
        try (TestDatabase mysql = TestDatabase.create(DatabaseKind.MYSQL);
             MigrationEngine engine = new MigrationEngine(Config.resolve(new Config.Options(mysql.jdbcUrl(), null,
                     null, dir.toString(), null, 10.0, null, "never", null), Map.of()));
             Connection c = mysql.connect(); Statement s = c.createStatement()) {
            engine.apply(null, false, ProgressListener.NONE);
            engine.rollback(v(2), ProgressListener.NONE);
            assertUntouched(engine, 2);
            String[][] changes = {
                    {"routine_changed add_one(x integer)", "ALTER FUNCTION add_one SQL SECURITY INVOKER",
                            "ALTER FUNCTION add_one SQL SECURITY DEFINER"},
                    {"check_missing b.b_qty", "ALTER TABLE b DROP CONSTRAINT b_qty",
                            "ALTER TABLE b ADD CONSTRAINT b_qty CHECK (qty >= 0)"},
            };
            for (String[] change : changes) {
                s.execute(change[1]);
                assertEquals(List.of(change[0]), errors(engine.validateSchema(v(2))), "after " + change[1]);
                s.execute(change[2]);
            }
            assertUntouched(engine, 2);
        }
    }

    private static void assertUntouched(MigrationEngine engine, long version) {
        ValidationReport report = engine.validateSchema(v(version));
        assertTrue(report.valid(), "at version " + version + ": " + report.problems());
        assertEquals(List.of(), report.problems().stream().map(ValidationReport.Problem::kind)
                .filter("reference_rehearsed"::equals).toList(), "version " + version + " has its run's record");
    }

    private static List<String> errors(ValidationReport r) {
        return r.problems().stream().filter(p -> p.severity().equals("error"))
                .map(p -> p.kind() + " " + p.object()).toList();
    }
}
