package dev.migratemcp.migration;

import dev.migratemcp.json.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionTest {

    @Test
    void wholeNumbersAndDottedVersionsParseToTheirCanonicalForm() {
        assertEquals("3", Version.parse("3").toString());
        assertEquals("3", Version.parse("0003").toString());
        assertEquals("3", Version.parse("0".repeat(20) + "3").toString(), "leading zeros past the long range");
        assertEquals("999999999999999", Version.parse("999999999999999").toString());
        assertEquals("20261125093000", Version.parse("20261125093000").toString());
        assertEquals("1.1", Version.parse("1.1").toString());
        assertEquals("1.1.2", Version.parse("01.01.02").toString());
        assertEquals("0", Version.parse("0").toString());
        assertEquals("1.0.2", Version.parse("1.0.2").toString(), "only trailing zero parts go");
        assertTrue(Version.parse("7").isInteger());
        assertEquals(7, Version.parse("7").asLong());
        assertFalse(Version.parse("7.1").isInteger());
        assertThrows(IllegalStateException.class, () -> Version.parse("7.1").asLong());
    }

    /** As Flyway's MigrationVersion: trailing zero parts do not count, so 1.0 is 1 and 2.0.0 is 2. */
    @Test
    void trailingZerosAreTheSameVersion() {
        assertEquals(Version.parse("1"), Version.parse("1.0"));
        assertEquals(Version.parse("2"), Version.parse("2.0.0"));
        assertEquals(Version.parse("1.0").hashCode(), Version.parse("1").hashCode());
        assertEquals(0, Version.parse("1.0").compareTo(Version.parse("1")));
        assertEquals("2", Version.parse("2.0").toString());
        assertTrue(Version.parse("1.0.1").isAbove(Version.parse("1")));
        assertNotEquals(Version.parse("1.1"), Version.parse("1.10"));
    }

    @Test
    void versionsOrderPartByPartAsNumbers() {
        List<Version> expected = List.of(Version.parse("0"), Version.parse("1"), Version.parse("1.0.1"),
                Version.parse("1.1"), Version.parse("1.2"), Version.parse("1.9"), Version.parse("1.10"),
                Version.parse("2"), Version.parse("2.0.0.1"), Version.parse("10"), Version.parse("20261125093000"),
                Version.of(Version.MAX));
        List<Version> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(7));
        Collections.sort(shuffled);
        assertEquals(expected, shuffled);
        assertTrue(Version.parse("10").isAbove(Version.parse("9.99")));
        assertEquals(Version.parse("1.2"), Version.max(Version.parse("1.2"), Version.parse("1.1")));
    }

    @Test
    void flywayFileNamesReadUnderscoreAsDot() {
        assertEquals(Version.parse("1.1"), Version.parseFlyway("1_1"));
        assertEquals(Version.parse("1.1.2"), Version.parseFlyway("1_1.2"));
        assertEquals(Version.parse("2"), Version.parseFlyway("2_0"));
        assertThrows(IllegalArgumentException.class, () -> Version.parseFlyway("1__1"));
        assertThrows(IllegalArgumentException.class, () -> Version.parse("1_1"), "only Flyway names read _");
    }

    @Test
    void malformedAndOutOfRangeAreRefusedWithTheRange() {
        for (String bad : List.of("", " ", "-1", "+1", "1.", ".1", "1..2", "1.x", "v1", "1e3", "0x10", "1 2",
                "9007199254740992", "18446744073709551616", "1.9007199254740992", "9".repeat(1000))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Version.parse(bad), bad);
            assertTrue(e.getMessage().contains("2^53 - 1"), e.getMessage());
            assertTrue(e.getMessage().length() < 300, "never echoed whole: " + e.getMessage().length());
        }
        assertEquals(Version.MAX, Version.parse("9007199254740991").asLong());
        assertThrows(IllegalArgumentException.class, () -> Version.of(-1));
        assertThrows(IllegalArgumentException.class, () -> Version.of(Version.MAX + 1));
        String tooLong = String.join(".", Collections.nCopies(70, "1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Version.parse(tooLong)).getMessage()
                .contains("too long"));
    }

    @Test
    void nextWholeVersionIsAboveTheWholePart() {
        assertEquals(Version.of(4), Version.of(3).nextWhole());
        assertEquals(Version.of(2), Version.parse("1.1").nextWhole());
        assertEquals(Version.of(1), Version.ZERO.nextWhole());
    }

    /** Whole numbers stay JSON numbers (as before); dotted versions are strings, so 1.10 cannot become 1.1. */
    @Test
    void jsonHasNumbersForWholeVersionsAndStringsForDottedOnes() {
        assertEquals("3", Json.compact(Version.of(3)));
        assertEquals("\"1.10\"", Json.compact(Version.parse("1.10")));
        assertEquals("{\"v\":[0,\"2.1\",9007199254740991]}", Json.compact(Map.of("v",
                List.of(Version.ZERO, Version.parse("2.1"), Version.of(Version.MAX)))));
        assertEquals(Version.parse("1.10"), Json.mapper().readValue("\"1.10\"", Version.class));
        assertEquals(Version.of(3), Json.mapper().readValue("3", Version.class));
        assertEquals(Version.of(20261125093000L), Json.mapper().readValue("20261125093000", Version.class));
    }

    @Test
    void jsonValuesAreReadExactlyOrRefused() {
        assertEquals(Version.of(5), Version.fromJson(new BigDecimal("5.000")));
        assertEquals(Version.of(5), Version.fromJson(5.0));
        assertEquals(Version.parse("1.1"), Version.fromJson("1.1"));
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> Version.fromJson(1.5));
        assertTrue(fraction.getMessage().contains("as a string"), fraction.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Version.fromJson(new BigInteger("18446744073709551616")));
        assertThrows(IllegalArgumentException.class, () -> Version.fromJson(-3));
        assertThrows(IllegalArgumentException.class, () -> Version.fromJson(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Version.fromJson(true));
        assertThrows(IllegalArgumentException.class, () -> Version.fromJson(null));
    }
}
