package dev.migratemcp.engine;

import static dev.migratemcp.testing.Versions.v;

import dev.migratemcp.config.Config;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.testing.MigrationFiles;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL schemas beyond the connection's: those the migrations create are covered by validation, the rehearsal
 * and describe_schema; others are covered when named in the {@code schemas} setting.
 */
class PostgresSchemasTest {

    @TempDir
    Path migrationsDir;

    private TestDatabase db;
    private MigrationFiles files;
    /** the other schema of this test, named after the test's own so that parallel runs do not meet */
    private String app;
    private final List<MigrationEngine> engines = new ArrayList<>();

    @BeforeEach
    void open() {
        db = TestDatabase.create(DatabaseKind.POSTGRESQL);
        files = new MigrationFiles(migrationsDir);
        app = db.name() + "_app";
    }

    @AfterEach
    void close() throws Exception {
        engines.forEach(MigrationEngine::close);
        if (db != null) {
            execute("DROP SCHEMA IF EXISTS " + app + " CASCADE");
            db.close();
        }
    }

    private MigrationEngine engine(String schemas) {
        MigrationEngine engine = new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl(), null, null,
                migrationsDir.toString(), null, 5.0, null, "never", null, null, null, null, schemas), Map.of()));
        engines.add(engine);
        return engine;
    }

    private void execute(String... statements) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static List<String> errors(ValidationReport r) {
        return r.problems().stream().filter(p -> p.severity().equals("error"))
                .map(p -> p.kind() + " " + p.object()).toList();
    }

    private void writeAppMigration() {
        files.write(1, "app", null, "CREATE SCHEMA " + app + ";\n"
                        + "COMMENT ON SCHEMA " + app + " IS 'the app';\n"
                        + "CREATE TABLE " + app + ".t (id INTEGER PRIMARY KEY, name TEXT);\n"
                        + "CREATE FUNCTION " + app + ".f() RETURNS integer LANGUAGE sql AS 'SELECT 1';\n"
                        + "CREATE TABLE own (id INTEGER PRIMARY KEY);",
                "DROP TABLE own;\nDROP SCHEMA IF EXISTS " + app + " CASCADE;");
    }

    @Test
    void handChangesInASchemaTheMigrationsCreatedAreDrift() throws Exception {
        writeAppMigration();
        String[][] changes = {
                {"table_missing " + app + ".t", "DROP TABLE " + app + ".t"},
                {"routine_changed " + app + ".f()", "CREATE OR REPLACE FUNCTION " + app + ".f() RETURNS integer "
                        + "LANGUAGE sql AS 'SELECT 2'"},
                {"column_extra " + app + ".t.extra", "ALTER TABLE " + app + ".t ADD COLUMN extra INTEGER"},
                {"schema_changed " + app, "COMMENT ON SCHEMA " + app + " IS 'another app'"},
                {"schema_missing " + app, "DROP SCHEMA " + app + " CASCADE"},
        };
        for (String[] change : changes) {
            MigrationEngine engine = engine(null);
            engine.apply(null, false, ProgressListener.NONE);
            ValidationReport untouched = engine.validateSchema(v(1));
            assertTrue(untouched.valid(), untouched.problems().toString());
            execute(change[1]);
            assertEquals(List.of(change[0]), errors(engine.validateSchema(v(1))), change[1]);
            engine.rollback(v(0), ProgressListener.NONE);
            execute("DROP SCHEMA IF EXISTS " + app + " CASCADE");
        }
    }

    /** Rolled back to nothing, the reference is the empty schema of every kind: what a down forgot is drift. */
    @Test
    void whatADownForgetsIsDriftAtVersionZero() throws Exception {
        files.write(1, "forgetful", null, "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"
                + "CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1';\n"
                + "CREATE SCHEMA " + app + ";", "DROP TABLE t;");
        MigrationEngine engine = engine(null);
        engine.apply(null, false, ProgressListener.NONE);
        engine.rollback(v(0), ProgressListener.NONE);
        assertEquals(List.of("schema_extra " + app, "routine_extra f()"), errors(engine.validateSchema(v(0))));
        execute("DROP FUNCTION f()", "DROP SCHEMA " + app);
        ValidationReport clean = engine.validateSchema(v(0));
        assertTrue(clean.valid(), clean.problems().toString());
    }

    @Test
    void describeSchemaShowsTheOtherSchemaAndASecondSessionSeesTheSame() {
        writeAppMigration();
        engine(null).apply(null, false, ProgressListener.NONE);
        SchemaSnapshot s = engine(null).describeSchema(null); // a new engine: knows the schema from the files
        assertEquals(List.of(app), s.schemas());
        assertEquals(List.of(app + ".t", "own"), s.tables().stream().map(SchemaSnapshot.TableInfo::name).toList());
        assertEquals(List.of(app + ".f()"), s.routines().stream().map(SchemaSnapshot.RoutineInfo::signature)
                .toList());
        SchemaSnapshot other = engine(null).describeSchema(app, null);
        assertEquals(List.of(app + ".t"), other.tables().stream().map(SchemaSnapshot.TableInfo::name).toList());
        assertEquals(List.of(app), other.schemas());
        SchemaSnapshot own = engine(null).describeSchema(db.name(), null);
        assertEquals(List.of("own"), own.tables().stream().map(SchemaSnapshot.TableInfo::name).toList());
        assertEquals(List.of(), own.routines());
        SchemaSnapshot function = engine(null).describeSchema(null, app + ".f");
        assertEquals(List.of(app + ".f()"), function.routines().stream().map(SchemaSnapshot.RoutineInfo::signature)
                .toList(), "a routine by its name alone");
        assertEquals(List.of(), function.tables());
        assertEquals(ErrorCode.UNKNOWN_TABLE, org.junit.jupiter.api.Assertions.assertThrows(MigrateException.class,
                () -> engine(null).describeSchema("nowhere", null)).code());
    }

    @Test
    void aSchemaNamedInTheSettingIsCoveredThoughNoMigrationCreatedIt() throws Exception {
        execute("CREATE SCHEMA " + app, "CREATE TABLE " + app + ".kept (id INTEGER)");
        files.write(1, "own", null, "CREATE TABLE own (id INTEGER PRIMARY KEY);", "DROP TABLE own;");
        MigrationEngine named = engine(app.toUpperCase(java.util.Locale.ROOT)); // folded as PostgreSQL would
        named.apply(null, false, ProgressListener.NONE);
        assertTrue(named.validateSchema(v(1)).valid());
        execute("CREATE TABLE " + app + ".stray (id INTEGER)");
        assertEquals(List.of("table_extra " + app + ".stray"), errors(named.validateSchema(v(1))));
        assertTrue(engine(null).describeSchema(null).tables().stream().noneMatch(t -> t.name().startsWith(app)),
                "without the setting, a schema no migration names is not covered");
    }

    @Test
    void theRehearsalCatchesADownThatForgetsATableInAnotherSchema() {
        files.write(1, "schema", null, "CREATE SCHEMA " + app + ";", "DROP SCHEMA " + app + ";");
        files.write(2, "table", null, "CREATE TABLE " + app + ".t (id INTEGER PRIMARY KEY);\n"
                + "CREATE TABLE own (id INTEGER PRIMARY KEY);", "DROP TABLE own;");
        TestReport report = engine(null).testMigrations(null);
        TestReport.Result second = report.results().get(report.results().size() - 1);
        assertEquals("down_mismatch", second.status(), report.toString());
        assertEquals(List.of("table_extra " + app + ".t"), second.differences().stream()
                .map(d -> d.kind() + " " + d.object()).toList());
    }

    @Test
    void theRehearsalCatchesADownThatForgetsAFunction() {
        files.write(1, "function", null, "CREATE TABLE own (id INTEGER PRIMARY KEY);\n"
                + "CREATE FUNCTION answer() RETURNS integer LANGUAGE sql AS 'SELECT 42';", "DROP TABLE own;");
        TestReport.Result result = engine(null).testMigrations(null).results().get(0);
        assertEquals("down_mismatch", result.status(), result.toString());
        assertEquals(List.of("routine_extra answer()"), result.differences().stream()
                .map(d -> d.kind() + " " + d.object()).toList());
    }

    @Test
    void baselineComparesTheOtherSchemaToo() throws Exception {
        writeAppMigration();
        // the schema made by hand, without the function the migration makes
        execute("CREATE SCHEMA " + app, "CREATE TABLE " + app + ".t (id INTEGER PRIMARY KEY, name TEXT)",
                "CREATE TABLE own (id INTEGER PRIMARY KEY)");
        MigrateException refused = org.junit.jupiter.api.Assertions.assertThrows(MigrateException.class,
                () -> engine(null).baseline(v(1), true));
        assertEquals(ErrorCode.SCHEMA_MISMATCH, refused.code());
        assertTrue(refused.error().details().toString().contains("routine_missing"), refused.error().toString());
        execute("CREATE FUNCTION " + app + ".f() RETURNS integer LANGUAGE sql AS 'SELECT 1'");
        MigrateException uncommented = org.junit.jupiter.api.Assertions.assertThrows(MigrateException.class,
                () -> engine(null).baseline(v(1), true));
        assertTrue(uncommented.error().details().toString().contains("schema_changed"), "the same snapshot as "
                + "drift: the schema's comment too: " + uncommented.error());
        execute("COMMENT ON SCHEMA " + app + " IS 'the app'");
        assertEquals("baselined", engine(null).baseline(v(1), true).status());
        assertTrue(engine(null).validateSchema(v(1)).valid());
    }

    @Test
    void aScratchSchemaInThisDatabaseIsNotUsedForMigrationsThatReachOtherSchemas() throws Exception {
        String role = db.name() + "_r";
        execute("CREATE SCHEMA " + app, "CREATE TABLE " + app + ".precious (id INTEGER)",
                "CREATE ROLE " + role + " LOGIN NOCREATEDB", "GRANT CREATE ON DATABASE test TO " + role,
                "GRANT ALL ON SCHEMA " + db.name() + " TO " + role);
        try {
            files.write(1, "app", null, "CREATE SCHEMA IF NOT EXISTS " + app + ";\nCREATE TABLE " + app
                    + ".t (id INTEGER);", "DROP SCHEMA " + app + " CASCADE;");
            MigrationEngine limited = new MigrationEngine(Config.resolve(new Config.Options(db.jdbcUrl()
                    .replace("user=postgres", "user=" + role), null, null, migrationsDir.toString(), null, 5.0, null,
                    "never", null), Map.of()));
            engines.add(limited);
            MigrateException refused = org.junit.jupiter.api.Assertions.assertThrows(MigrateException.class,
                    () -> limited.testMigrations(null));
            assertTrue(refused.getMessage().contains(app) && refused.getMessage().contains("nothing was rehearsed"),
                    refused.getMessage());
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = '" + app
                         + "'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the real schema is as it was");
            }
            java.nio.file.Files.delete(migrationsDir.resolve("0001_app.sql"));
            MigrateException draft = org.junit.jupiter.api.Assertions.assertThrows(MigrateException.class,
                    () -> limited.createMigration("more", "CREATE TABLE " + app + ".u (id INTEGER);",
                            "DROP SCHEMA " + app + " CASCADE;", List.of(), false, true));
            assertTrue(draft.getMessage().contains("nothing was rehearsed"), draft.getMessage());
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = '" + app
                         + "'")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "a new migration's rehearsal did not drop the real schema");
            }
        } finally {
            execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    @Test
    void versionsRecordedInTheMiddleOfARunValidateAfterARollback() {
        writeAppMigration();
        files.table(2);
        files.table(3);
        MigrationEngine engine = engine(null);
        engine.apply(null, false, ProgressListener.NONE);
        for (int version : new int[]{2, 1}) {
            engine.rollback(v(version), ProgressListener.NONE);
            ValidationReport r = engine.validateSchema(v(version));
            assertTrue(r.valid() && r.driftChecked(), "at " + version + ": " + r.problems());
        }
    }
}
