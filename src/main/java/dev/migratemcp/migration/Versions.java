package dev.migratemcp.migration;

import java.math.BigInteger;

/**
 * The range of migration versions, in one place. Versions are whole numbers from 1 to 2^53 - 1: every JSON reader,
 * JavaScript's included, reads such a number exactly, and a 14-digit timestamp version (20261125093000) still fits.
 * 0 stands for "nothing applied" in results and as a rollback target.
 */
public final class Versions {

    /** 2^53 - 1, the largest integer a JSON number carries exactly in every client. */
    public static final long MAX = 9_007_199_254_740_991L;

    private Versions() {
    }

    public static boolean inRange(long version) {
        return version >= 1 && version <= MAX;
    }

    /**
     * Reads a version (or, with {@code zeroAllowed}, a target of 0) written as decimal digits, exactly: never wrapped,
     * never rounded. The message of the exception names the range and is safe to show as it is.
     */
    public static long parse(String text, boolean zeroAllowed) {
        String digits = text == null ? "" : text.trim();
        if (!digits.matches("\\d{1,400}")) {
            throw new IllegalArgumentException("a version is a whole number from " + (zeroAllowed ? 0 : 1) + " to "
                    + MAX + " (2^53 - 1)");
        }
        BigInteger value = new BigInteger(digits);
        long min = zeroAllowed ? 0 : 1;
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(MAX)) > 0) {
            throw new IllegalArgumentException("version " + abbreviate(digits) + " is out of range: versions go from "
                    + min + " to " + MAX + " (2^53 - 1)");
        }
        return value.longValueExact();
    }

    private static String abbreviate(String digits) {
        return digits.length() <= 24 ? digits : digits.substring(0, 20) + "... (" + digits.length() + " digits)";
    }
}
