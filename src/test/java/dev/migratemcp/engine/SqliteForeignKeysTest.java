package dev.migratemcp.engine;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.config.Config;
import dev.migratemcp.testing.MigrationFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SQLite changes tables by rebuilding them; with foreign keys enforced that must not cascade into child rows. */
class SqliteForeignKeysTest {

    @TempDir
    Path dir;

    @Test
    void rebuildingAParentKeepsChildRowsAndOrphansAreRefused() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("fk.db") + "?foreign_keys=true";
        Path migrations = Files.createDirectory(dir.resolve("m"));
        MigrationFiles files = new MigrationFiles(migrations);
        files.write(1, "tables", null, """
                CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);
                CREATE TABLE child (id INTEGER PRIMARY KEY,
                                    parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE);
                INSERT INTO parent (id, name) VALUES (1, 'a');
                INSERT INTO child (id, parent_id) VALUES (10, 1);
                """, "DROP TABLE child;\nDROP TABLE parent;");
        files.write(2, "rebuild_parent", null, """
                CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');
                INSERT INTO parent_new (id, name) SELECT id, name FROM parent;
                DROP TABLE parent;
                ALTER TABLE parent_new RENAME TO parent;
                """, """
                CREATE TABLE parent_old (id INTEGER PRIMARY KEY, name TEXT);
                INSERT INTO parent_old (id, name) SELECT id, name FROM parent;
                DROP TABLE parent;
                ALTER TABLE parent_old RENAME TO parent;
                """);
        Config config = Config.resolve(new Config.Options(url, null, null, migrations.toString(), null, 5.0, null, "never", null), Map.of());
        try (MigrationEngine engine = new MigrationEngine(config)) {
            engine.apply(null, false, ProgressListener.NONE);
            assertEquals(1, countChildren(url), "the rebuild of parent must not cascade into child");
            engine.rollback(v(1), ProgressListener.NONE);
            assertEquals(1, countChildren(url));

            files.write(3, "orphan", null, "INSERT INTO child (id, parent_id) VALUES (11, 999);", "SELECT 1;");
            MigrateException e = assertThrows(MigrateException.class,
                    () -> engine.apply(null, false, ProgressListener.NONE));
            assertEquals(ErrorCode.MIGRATION_FAILED, e.code());
            assertTrue(e.getMessage().contains("foreign key check failed"), e.getMessage());
            assertEquals(1, countChildren(url), "the orphan was rolled back");
        }
    }

    private static long countChildren(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM child")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
