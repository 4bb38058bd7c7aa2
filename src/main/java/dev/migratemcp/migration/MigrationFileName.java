package dev.migratemcp.migration;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the version and default description from the name of a file of our own format, which is also dbmate's:
 * {@code 0001_create_users.sql}, {@code migration_001_create_users.sql}, {@code 20261125093000_add_users.sql}. As
 * dbmate does, any name that starts with the version's digits and ends in {@code .sql} is one; golang-migrate's
 * {@code .up.sql} and {@code .down.sql} names are read by {@link PairedFileLayout} before this is asked.
 */
public record MigrationFileName(Version version, String description) {

    private static final Pattern NAME = Pattern.compile("(?:migration_)?(\\d+)(.*)\\.sql");

    /** Empty when the name does not start with a version and end in {@code .sql}. */
    public static Optional<Digits> match(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? Optional.of(new Digits(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The parts of a matching name, before the version is checked against its range. */
    public record Digits(String version, String rest) {
        /** The words after the version, separators read as spaces; empty when the name is the version alone. */
        public String description() {
            return rest.replace('_', ' ').replace('-', ' ').replace('.', ' ').trim();
        }
    }

    /**
     * The version and description of a name of our format; empty when the name is not one, a problem naming the
     * file when it is but its version is out of range (0, or above {@link Version#MAX}).
     */
    public static Optional<MigrationFileName> parse(String fileName) throws MigrationFileException {
        Optional<Digits> digits = match(fileName);
        if (digits.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MigrationFileName(version(fileName, digits.get().version(), false),
                digits.get().description()));
    }

    /**
     * The version a file name's digits stand for; a problem naming the file when it is above {@link Version#MAX},
     * or 0 where the layout does not allow it (ours and dbmate's: there 0 is the target "before every migration").
     */
    static Version version(String fileName, String digits, boolean zeroAllowed) throws MigrationFileException {
        Version v;
        try {
            v = Version.parse(digits);
        } catch (IllegalArgumentException e) {
            throw problem(fileName, e.getMessage());
        }
        if (v.isZero() && !zeroAllowed) {
            throw problem(fileName, "version 0 is not supported in this layout: 0 is the target \"before every "
                    + "migration\"; number migrations from 1 (golang-migrate's N_name.up.sql files may use 0)");
        }
        return v;
    }

    private static MigrationFileException problem(String fileName, String message) {
        return new MigrationFileException(List.of(new FileProblem(fileName, 0, message)));
    }

    public static String expectedPattern() {
        return "NNNN_short_description.sql (or migration_NNN_name.sql; or golang-migrate's N_name.up.sql and "
                + "N_name.down.sql; or Flyway's VN__name.sql and UN__name.sql, N dotted or not: V1_1__name.sql is "
                + "1.1), each part of a version a whole number up to " + Version.MAX;
    }
}
