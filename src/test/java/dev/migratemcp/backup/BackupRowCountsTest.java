package dev.migratemcp.backup;

import dev.migratemcp.config.DatabaseUrls;
import dev.migratemcp.dialect.Database;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The manifest's row counts describe the copy, not the database as it is by the time they are taken. */
class BackupRowCountsTest {

    @TempDir
    Path backups;

    @ParameterizedTest
    @CsvSource({"SQLITE, false, sqlite_backup_api", "POSTGRESQL, false, pg_dump_custom",
            "POSTGRESQL, true, builtin_logical_postgresql", "MYSQL, true, builtin_logical_mysql"})
    void rowsWrittenAfterTheCopyAreNotCounted(DatabaseKind kind, boolean builtinOnly, String expectedMethod)
            throws Exception {
        try (TestDatabase db = TestDatabase.create(kind);
             Database database = Database.open(DatabaseUrls.parse(db.jdbcUrl(), null, null), Duration.ofSeconds(5));
             Connection c = database.connection()) {
            execute(c, "CREATE TABLE counted (id INTEGER PRIMARY KEY)");
            execute(c, "INSERT INTO counted (id) VALUES (1), (2), (3)");
            assumeTrue(!expectedMethod.equals("pg_dump_custom") || PgDumpMethod.usable(c),
                    "pg_dump and pg_restore (as new as the server) are not on the PATH");
            BackupMethod method = new BackupService(database, backups, builtinOnly).method(c).orElseThrow();
            assertEquals(expectedMethod, method.id());
            Path copy = backups.resolve("copy" + method.extension());
            method.create(c, database.settings(), copy, (done, total) -> { });

            execute(c, "INSERT INTO counted (id) VALUES (4), (5)");
            Map<String, Long> rows = method.facts(copy).orElseThrow().rows();
            assertEquals(3L, rows.get("counted"));
        }
    }

    private static void execute(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
