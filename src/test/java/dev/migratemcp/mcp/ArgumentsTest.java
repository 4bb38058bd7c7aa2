package dev.migratemcp.mcp;

import static dev.migratemcp.testing.Versions.v;
import static dev.migratemcp.testing.Versions.vs;
import dev.migratemcp.engine.MigrateException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgumentsTest {

    private static final InputSchema SCHEMA = InputSchema.none()
            .version("target_version", "t", true)
            .version("version", "v", false)
            .versions("depends_on", "d")
            .string("plan_id", "p", false, 10)
            .choice("action", "a", List.of("resume", "mark_reverted"));

    private static Arguments args(Map<String, Object> values) {
        return new Arguments("rollback_to_version", values, SCHEMA);
    }

    private static String refused(Map<String, Object> values, String argument) {
        MigrateException e = assertThrows(MigrateException.class, () -> {
            Arguments a = args(values);
            a.version("target_version");
            a.version("version");
            a.versions("depends_on");
            a.string("plan_id");
            a.string("action");
        });
        assertEquals("invalid_argument", e.error().code());
        assertTrue(e.getMessage().startsWith("rollback_to_version: " + argument), e.getMessage());
        return e.getMessage();
    }

    @Test
    void versionsAreReadExactlyFromNumbersAndDigitStrings() {
        assertEquals(v(0L), args(Map.of("target_version", 0)).version("target_version"));
        assertEquals(v(9_007_199_254_740_991L), args(Map.of("target_version", 9_007_199_254_740_991L))
                .version("target_version"));
        assertEquals(v(20261125093000L), args(Map.of("target_version", "20261125093000")).version("target_version"));
        assertEquals(v(5L), args(Map.of("target_version", new BigDecimal("5.000"))).version("target_version"));
        assertEquals(v(5L), args(Map.of("target_version", 5.0)).version("target_version"));
        assertNull(args(Map.of("target_version", 1)).version("version"));
        assertEquals(vs(1, 2), args(Map.of("depends_on", List.of(1, "2"))).versions("depends_on"));
        assertEquals(v(0), args(Map.of("target_version", 1, "version", 0)).version("version"));
    }

    /** Flyway's dotted versions come as strings; a JSON number with a fraction is refused, never read as one. */
    @Test
    void dottedVersionsAreReadFromStringsOnly() {
        assertEquals(v("1.1"), args(Map.of("target_version", "1.1")).version("target_version"));
        assertEquals(v("1.10"), args(Map.of("target_version", " 1.10 ")).version("target_version"));
        assertNotEquals(v("1.1"), v("1.10"));
        assertEquals(v(2), args(Map.of("target_version", "2.0")).version("target_version"));
        assertEquals(List.of(v("1.1"), v(2)), args(Map.of("depends_on", List.of("1.1", 2))).versions("depends_on"));
        String fraction = refused(Map.of("target_version", 1.1), "target_version");
        assertTrue(fraction.contains("as a string"), fraction);
        refused(Map.of("target_version", new BigDecimal("1.10")), "target_version");
        refused(Map.of("target_version", "1..2"), "target_version");
        refused(Map.of("target_version", "1."), "target_version");
        refused(Map.of("target_version", ".1"), "target_version");
        refused(Map.of("target_version", "1_1"), "target_version");
        refused(Map.of("target_version", "-1"), "target_version");
        refused(Map.of("target_version", true), "target_version");
        String bigPart = refused(Map.of("target_version", "1.9007199254740992"), "target_version");
        assertTrue(bigPart.contains("out of range"), bigPart);
    }

    /** 2^64 used to wrap to 0 and roll everything back; 2^64 + 5 became 5; 2^63 went negative. */
    @Test
    void numbersOutOfRangeNeverWrap() {
        String twoTo64 = refused(Map.of("target_version", new BigInteger("18446744073709551616")), "target_version");
        assertTrue(twoTo64.contains("out of range"), twoTo64);
        refused(Map.of("target_version", new BigInteger("18446744073709551621")), "target_version");
        refused(Map.of("target_version", new BigInteger("9223372036854775808")), "target_version");
        refused(Map.of("target_version", 9_007_199_254_740_992L), "target_version");
        refused(Map.of("target_version", "18446744073709551616"), "target_version");
        refused(Map.of("target_version", -1), "target_version");
        refused(Map.of("target_version", 1.5), "target_version");
        refused(Map.of("target_version", 1e300), "target_version");
        refused(Map.of("target_version", new BigDecimal("3.0000000000000001")), "target_version");
        refused(Map.of("target_version", "seven"), "target_version");
        refused(Map.of("target_version", 1, "depends_on", List.of(1, 2.5)), "depends_on[1]");
        refused(Map.of("target_version", 1, "depends_on", "1,2"), "depends_on");
        refused(Map.of(), "target_version is required");
    }

    @Test
    void stringsHaveTheirLimitsAndChoices() {
        refused(Map.of("target_version", 1, "plan_id", "x".repeat(11)), "plan_id");
        refused(Map.of("target_version", 1, "action", "resum"), "action");
        assertEquals("resume", args(Map.of("action", "resume")).string("action"));
    }

    @Test
    void largeValuesAreNotEchoed() {
        String big = "9".repeat(1_000_000);
        String message = refused(Map.of("target_version", big), "target_version");
        assertTrue(message.length() < 300, message);
        MigrateException unknown = assertThrows(MigrateException.class, () -> args(Map.of(big, 1)));
        assertTrue(unknown.getMessage().length() < 300, unknown.getMessage());
        assertTrue(unknown.getMessage().startsWith("rollback_to_version: unknown argument"));
    }
}
