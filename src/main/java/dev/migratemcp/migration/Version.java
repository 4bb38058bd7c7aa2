package dev.migratemcp.migration;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A migration version, for every layout read here: a whole number (ours, golang-migrate's, dbmate's 14-digit
 * timestamps) or a dotted one as Flyway writes them ({@code 1.1}, {@code 1.1.2}, {@code 2.0}).
 *
 * <p>Ordered and compared as Flyway orders its versions: part by part as numbers, a missing part counting as 0, so
 * {@code 1 < 1.1 < 1.2 < 1.10 < 2 < 10}, and {@code 1.0} is the same version as {@code 1} (as {@code 007} is
 * {@code 7}). The canonical form, the one shown, stored and returned, drops leading zeros of each part and trailing
 * {@code .0} parts: {@code 1.0} reads back as {@code 1}.
 *
 * <p>Each part is a whole number from 0 to 2^53 - 1: in JSON a whole-number version is a number, and every JSON
 * reader, JavaScript's included, reads such a number exactly; a dotted version is a string (as a number, 1.10 would
 * come back as 1.1). Anything outside that is refused, never wrapped or rounded. Whether 0 can be a migration's
 * version is the layout's business (golang-migrate allows it); as a target, 0 means "before every migration above
 * 0", which for layouts without a version 0 is "nothing applied".
 */
public final class Version implements Comparable<Version> {

    /** 2^53 - 1, the largest integer a JSON number carries exactly in every client; the bound of each part. */
    public static final long MAX = 9_007_199_254_740_991L;

    /** The longest canonical form kept: the history table's version column is this wide. */
    public static final int MAX_LENGTH = 128;
    /** Whole numbers joined by dots; {@code \d} is ASCII digits only. Compiled once: every history row is parsed. */
    private static final Pattern DOTTED = Pattern.compile("\\d+(\\.\\d+)*");

    /** Before the first migration (for layouts without a version 0), and what "nothing applied" is reported as. */
    public static final Version ZERO = new Version(new long[]{0});

    /** The parts, trailing zeros dropped (at least one part, so 0 is {@code [0]}). */
    private final long[] parts;

    private Version(long[] parts) {
        this.parts = parts;
    }

    /** A whole-number version: 0 to {@link #MAX}. */
    public static Version of(long number) {
        if (number < 0 || number > MAX) {
            throw new IllegalArgumentException("version " + number + " is out of range: " + range());
        }
        return new Version(new long[]{number});
    }

    /**
     * Reads a version written as digits, optionally in parts joined by dots ({@code 3}, {@code 0003}, {@code 1.1},
     * {@code 1.0.2}), exactly. The exception's message says what is wrong and is safe to show as it is.
     */
    public static Version parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.length() > 400 || !DOTTED.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + abbreviate(t) + "' is not a version: " + range());
        }
        String[] pieces = t.split("\\.");
        long[] values = new long[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            // up to 15 digits is below MAX and fits a long; longer pieces (leading zeros, or out of range) are
            // compared as the big numbers they are
            BigInteger part = pieces[i].length() <= 15 ? null : new BigInteger(pieces[i]);
            if (part != null && part.compareTo(BigInteger.valueOf(MAX)) > 0) {
                throw new IllegalArgumentException("version " + abbreviate(t) + " is out of range: " + range());
            }
            values[i] = part == null ? Long.parseLong(pieces[i]) : part.longValueExact();
        }
        int length = values.length;
        while (length > 1 && values[length - 1] == 0) {
            length--;
        }
        Version v = new Version(Arrays.copyOf(values, length));
        if (v.toString().length() > MAX_LENGTH) {
            throw new IllegalArgumentException("version " + abbreviate(t) + " is too long: at most " + MAX_LENGTH
                    + " characters");
        }
        return v;
    }

    /** A version as Flyway writes it in a file name, where {@code _} stands for {@code .}: {@code 1_1} is 1.1. */
    public static Version parseFlyway(String text) {
        return parse(text == null ? null : text.replace('_', '.'));
    }

    /**
     * A version from a JSON value: a whole number (a decimal only when whole, {@code 3.0}) or a string that
     * {@link #parse} reads. A number with a fraction is refused rather than read as a dotted version: JSON readers
     * turn 1.10 into 1.1, which is another version.
     */
    @JsonCreator
    public static Version fromJson(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return of(((Number) value).longValue());
        }
        if (value instanceof String s) {
            return parse(s);
        }
        BigDecimal decimal = null;
        if (value instanceof BigInteger b) {
            decimal = new BigDecimal(b);
        } else if (value instanceof BigDecimal d) {
            decimal = d;
        } else if ((value instanceof Double || value instanceof Float)
                && Double.isFinite(((Number) value).doubleValue())) {
            decimal = new BigDecimal(((Number) value).doubleValue()); // the double's exact value, never rounded
        }
        if (decimal == null) {
            throw new IllegalArgumentException("a version is a number or a string such as \"1.1\"");
        }
        BigInteger whole;
        try {
            whole = decimal.toBigIntegerExact();
        } catch (ArithmeticException fraction) {
            throw new IllegalArgumentException("the number " + abbreviate(decimal.toString()) + " has a fraction: "
                    + "write a dotted version as a string (\"1.1\"), since a JSON number reads 1.10 as 1.1");
        }
        if (whole.signum() < 0) {
            throw new IllegalArgumentException("version " + abbreviate(whole.toString()) + " is negative: "
                    + range());
        }
        return parse(whole.toString());
    }

    /** What JSON shows: a whole-number version as a number, a dotted one as its canonical string. */
    @JsonValue
    public Object toJson() {
        return isInteger() ? (Object) parts[0] : toString();
    }

    /** Whether this is a whole number (one part), as every version of ours, golang-migrate's and dbmate's is. */
    public boolean isInteger() {
        return parts.length == 1;
    }

    /** The whole number this version is; only for {@link #isInteger()} versions. */
    public long asLong() {
        if (!isInteger()) {
            throw new IllegalStateException("version " + this + " is not a whole number");
        }
        return parts[0];
    }

    /** The smallest whole-number version above this one: 4 after 3, 2 after 1.1 (the next file of our format). */
    public Version nextWhole() {
        return of(parts[0] + 1);
    }

    public boolean isZero() {
        return parts.length == 1 && parts[0] == 0;
    }

    @Override
    public int compareTo(Version other) {
        int n = Math.max(parts.length, other.parts.length);
        for (int i = 0; i < n; i++) {
            int c = Long.compare(part(i), other.part(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    public boolean isAbove(Version other) {
        return compareTo(other) > 0;
    }

    public boolean isBelow(Version other) {
        return compareTo(other) < 0;
    }

    public static Version max(Version a, Version b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private long part(int i) {
        return i < parts.length ? parts[i] : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && Arrays.equals(parts, v.parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts);
    }

    /** The canonical form: parts without leading zeros, joined by dots, trailing {@code .0} parts dropped. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(parts[i]);
        }
        return sb.toString();
    }

    /** The range, for messages. */
    public static String range() {
        return "a version is a whole number from 0 to " + MAX + " (2^53 - 1), or such numbers joined by dots "
                + "(1.1, 2.0.1)";
    }

    private static String abbreviate(String text) {
        return text.length() <= 24 ? text : text.substring(0, 20) + "... (" + text.length() + " characters)";
    }
}
