package dev.migratemcp.cli;

import dev.migratemcp.migration.Versions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Version arguments read exactly with {@link Versions#parse}: out of range or not a whole number is a usage error
 * (exit 2) that names the range, never a value wrapped or rounded into another version.
 */
final class VersionArguments {

    private VersionArguments() {
    }

    /** A migration's version: 1 to {@link Versions#MAX}. */
    static final class Version implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value, false);
        }
    }

    /** A version to bring the database to, where 0 means "nothing applied". */
    static final class Target implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value, true);
        }
    }

    private static long parse(String value, boolean zeroAllowed) {
        try {
            return Versions.parse(value, zeroAllowed);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + abbreviate(value) + "': " + e.getMessage());
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 30 ? value : value.substring(0, 24) + "...";
    }
}
