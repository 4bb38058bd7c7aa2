package dev.migratemcp.migration;

import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flyway's scripts read from a folder: repeatables, per-script settings, placeholders. */
class FlywayScriptsTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    private MigrationCatalog load() throws Exception {
        return MigrationDirectory.load(dir, DatabaseKind.SQLITE);
    }

    @Test
    void repeatablesAreOrderedByDescriptionAndToldApartByIt() throws Exception {
        write("V1__Base.sql", "CREATE TABLE t (id INTEGER);");
        write("R__b_view.sql", "CREATE VIEW b AS SELECT 1;");
        write("R__A_view.sql", "CREATE VIEW a AS SELECT 1;");
        MigrationCatalog catalog = load();
        assertEquals(List.of("A view", "b view"), catalog.repeatables().stream()
                .map(RepeatableMigration::description).toList());
        assertEquals(FlywayChecksum.of("CREATE VIEW a AS SELECT 1;"), catalog.repeatables().get(0).checksum());

        write("R__a_View.sql", "CREATE VIEW a2 AS SELECT 1;");
        List<FileProblem> problems = assertThrows(MigrationFileException.class, this::load).problems();
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("a second repeatable script with the "
                + "description")), problems.toString());
    }

    @Test
    void aScriptCanTurnItsPlaceholdersOff() throws Exception {
        write("V1__Literal.sql", "INSERT INTO t VALUES ('${not_replaced}');");
        write("V1__Literal.sql.conf", "placeholderReplacement=false\n");
        write("R__Literal_too.sql", "SELECT '${kept}';");
        write("R__Literal_too.sql.conf", "placeholderReplacement=false\n");
        MigrationCatalog catalog = load();
        assertEquals("INSERT INTO t VALUES ('${not_replaced}')", catalog.ordered().get(0).up().statements().get(0)
                .sql().replace(";", ""));
        RepeatableMigration r = catalog.repeatables().get(0);
        assertEquals(r.rawChecksum(), r.checksum(), "nothing replaced, so both of Flyway's checksums agree");

        Files.delete(dir.resolve("V1__Literal.sql.conf"));
        assertTrue(assertThrows(MigrationFileException.class, this::load).getMessage()
                .contains("no value for the placeholder ${not_replaced}"));
    }

    @Test
    void aRepeatablesChecksumCoversItsPlaceholdersValues() throws Exception {
        write("R__Greeting.sql", "SELECT '${flyway:table}';");
        RepeatableMigration r = load().repeatables().get(0);
        assertEquals(FlywayChecksum.of("SELECT 'flyway_schema_history';"), r.checksum());
        assertEquals(FlywayChecksum.of("SELECT '${flyway:table}';"), r.rawChecksum());
        assertNotEquals(r.checksum(), r.rawChecksum());
    }
}
