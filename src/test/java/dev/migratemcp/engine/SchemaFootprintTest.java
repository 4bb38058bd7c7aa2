package dev.migratemcp.engine;

import dev.migratemcp.migration.MigrationStatement;
import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.schema.SchemaSnapshot.IndexInfo;
import dev.migratemcp.schema.SchemaSnapshot.TableInfo;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which tables a migration changes, as far as its statements tell; every doubt is "unknown" (empty). */
class SchemaFootprintTest {

    private static final SchemaSnapshot BEFORE = new SchemaSnapshot(List.of(new TableInfo("users", List.of(),
            List.of(), List.of(new IndexInfo("idx_users_email", List.of("email"), true, null)), List.of())),
            List.of(), List.of());

    private static Optional<Set<String>> of(String... sql) {
        return SchemaFootprint.of(Arrays.stream(sql).map(s -> new MigrationStatement(s, 1, null)).toList(), BEFORE.tables());
    }

    @Test
    void theTablesNamedByTableAndIndexStatements() {
        assertEquals(Optional.of(Set.of("t", "u", "users", "w", "v")), of(
                "CREATE TABLE IF NOT EXISTS \"T\" (id INTEGER PRIMARY KEY, p INTEGER REFERENCES x ON DELETE CASCADE)",
                "-- a comment first\nALTER TABLE ONLY public.u ADD COLUMN c INTEGER",
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON ONLY `w` (a)",
                "DROP INDEX idx_users_email",
                "DROP TABLE IF EXISTS v, t RESTRICT",
                "INSERT INTO elsewhere VALUES (1)", "UPDATE elsewhere SET a = 1"));
        assertEquals(Optional.of(Set.of("w")), of("DROP INDEX ix ON w"));
        assertEquals(Optional.of(Set.of()), of("DELETE FROM t", "TRUNCATE t"), "data only: no table changes");
        assertEquals(Optional.of(Set.of("x")), of("CREATE INDEX ON x (a)"));
    }

    @Test
    void anythingElseIsUnknown() {
        for (String sql : List.of("CREATE VIEW v AS SELECT 1", "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END",
                "ALTER TABLE t RENAME TO u", "ALTER TABLE t RENAME COLUMN a TO b", "ALTER TABLE t DROP COLUMN a CASCADE",
                "DROP TABLE t CASCADE", "DROP INDEX not_known", "CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1)",
                "RENAME TABLE a TO b", "SELECT make_tables()", "DO $$ BEGIN END $$", "/*!50100 CREATE TABLE t (a INT) */",
                "CREATE TABLE \"odd name\" (a INT)", "CREATE OR REPLACE VIEW v AS SELECT 1", "SET search_path = x",
                "ALTER TABLE t DISABLE TRIGGER tr", "ALTER TABLE t ENABLE ALWAYS TRIGGER tr")) {
            assertEquals(Optional.empty(), of("CREATE TABLE fine (a INT)", sql), sql);
        }
    }

    @Test
    void aStatementNamingAnotherSchemaCoveredIsUnknownOneNamingASchemaThatOnlyEndsAlikeIsNot() {
        java.util.function.Function<String, Optional<Set<String>>> inScope = sql -> SchemaFootprint.of(
                List.of(new MigrationStatement(sql, 1, null)), BEFORE.tables(), Set.of("app"));
        assertEquals(Optional.empty(), inScope.apply("CREATE INDEX ix ON app.t (a)"));
        assertEquals(Optional.empty(), inScope.apply("CREATE TABLE u (p INTEGER REFERENCES \"app\".t)"));
        assertEquals(Optional.of(Set.of("t")), inScope.apply("CREATE INDEX ix ON myapp.t (a)"));
        assertEquals(Optional.of(Set.of("u")), inScope.apply("CREATE TABLE u (note TEXT DEFAULT 'app.t')"));
        assertEquals(Optional.empty(), inScope.apply("ALTER TABLE users SET SCHEMA app"),
                "the table moves to another schema");
    }
}
