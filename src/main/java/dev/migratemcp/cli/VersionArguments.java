package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Version arguments ({@code 3}, {@code 20261125093000}, {@code 1.1}) read exactly with {@link Version#parse}: out of
 * range or not a version is a usage error (exit 2) that names the range, never a value wrapped or rounded into
 * another version. 0 is read too: as a target it means "before every migration above 0", and golang-migrate
 * folders may have a migration 0.
 */
final class VersionArguments implements ITypeConverter<Version> {

    @Override
    public Version convert(String value) {
        try {
            return Version.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
