package dev.migratemcp.dialect;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DriverPreloadTest {

    @Test
    void findsTheUrlInEitherSpelling() {
        assertEquals("jdbc:sqlite:a.db", DriverPreload.urlArgument(new String[]{"--url", "jdbc:sqlite:a.db", "status"}));
        assertEquals("mysql://h/db", DriverPreload.urlArgument(new String[]{"status", "--url=mysql://h/db"}));
        assertNull(DriverPreload.urlArgument(new String[]{"status", "--url"}));
        assertNull(DriverPreload.urlArgument(new String[]{"status"}));
    }

    @Test
    void aUrlThatDoesNotParseIsLeftForTheCommandLineToReport() {
        assertDoesNotThrow(() -> DriverPreload.start(new String[]{"--url", "nonsense"}, Map.of()));
        assertDoesNotThrow(() -> DriverPreload.start(new String[0], Map.of("MIGRATE_MCP_URL", "oracle://x/y")));
    }
}
