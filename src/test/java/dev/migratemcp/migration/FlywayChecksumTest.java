package dev.migratemcp.migration;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Our computation of Flyway's checksum against the real Flyway's, for texts that test each rule. */
class FlywayChecksumTest {

    @Test
    void agreesWithFlywayOnEveryKindOfText(@TempDir Path dir) throws Exception {
        Map<String, String> scripts = new LinkedHashMap<>();
        scripts.put("V1__plain.sql", "CREATE TABLE a (id INT);\n");
        scripts.put("V2__crlf.sql", "CREATE TABLE b (id INT);\r\nINSERT INTO b VALUES (1);\r\n");
        scripts.put("V3__cr_only.sql", "CREATE TABLE c (id INT);\rINSERT INTO c VALUES (1);\r");
        scripts.put("V4__bom.sql", "\uFEFFCREATE TABLE d (id INT);\n");
        scripts.put("V5__no_final_newline.sql", "CREATE TABLE e (id INT);\n\n\n-- a comment");
        scripts.put("V6__non_ascii.sql", "CREATE TABLE f (name VARCHAR(20) DEFAULT 'Grüße €');\n");
        scripts.put("V7__blank_lines_and_spaces.sql", "\n\n  CREATE TABLE g (id INT);  \n\t\n");
        scripts.put("V8__empty.sql", "");
        scripts.put("V9__mixed_endings.sql", "CREATE TABLE h (id INT);\r\n\rSELECT 1;\n\r\n");
        scripts.put("R__view.sql", "\uFEFF\r\nCREATE VIEW v AS SELECT 1 AS one;");
        for (Map.Entry<String, String> s : scripts.entrySet()) {
            Files.write(dir.resolve(s.getKey()), s.getValue().getBytes(StandardCharsets.UTF_8));
        }
        Flyway flyway = Flyway.configure()
                .dataSource("jdbc:sqlite:" + dir.resolve("flyway.db"), null, null)
                .locations("filesystem:" + dir)
                .load();
        Map<String, Integer> theirs = new HashMap<>();
        for (MigrationInfo info : flyway.info().all()) {
            theirs.put(info.getScript(), info.getChecksum());
        }
        assertEquals(scripts.keySet(), theirs.keySet());
        for (Map.Entry<String, String> s : scripts.entrySet()) {
            assertEquals(theirs.get(s.getKey()), FlywayChecksum.of(s.getValue()), s.getKey());
        }
    }

    @Test
    void theRealFlywayRunsOnJackson3Alone() {
        // Flyway is a test dependency only; it must not bring a second Jackson major beside the product's
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.fasterxml.jackson.databind.ObjectMapper"));
        assertDoesNotThrow(() -> Class.forName("tools.jackson.databind.ObjectMapper"));
    }

    @Test
    void lineEndingsAndBlankLinesDoNotCountButTextDoes() {
        assertEquals(FlywayChecksum.of("a;\nb;\n"), FlywayChecksum.of("a;\r\n\r\nb;"));
        assertNotEquals(FlywayChecksum.of("a;\nb;\n"), FlywayChecksum.of("a; b;\n"));
        assertNotEquals(FlywayChecksum.of("a;\n"), FlywayChecksum.of("a ;\n"));
    }
}
