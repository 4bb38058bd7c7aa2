package dev.migratemcp.migration;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the version and default description from a file name: {@code 0001_create_users.sql} or
 * {@code migration_001_create_users.sql}.
 */
public record MigrationFileName(long version, String description) {

    private static final Pattern NAME = Pattern.compile("(?:migration_)?(\\d{1,18})_([A-Za-z0-9_\\-]+)\\.sql");

    public static boolean looksLikeMigration(String fileName) {
        return fileName.endsWith(".sql");
    }

    /** Empty when the name does not follow either pattern. */
    public static Optional<MigrationFileName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        long version = Long.parseLong(m.group(1));
        if (version <= 0) {
            return Optional.empty();
        }
        return Optional.of(new MigrationFileName(version, m.group(2).replace('_', ' ').replace('-', ' ').trim()));
    }

    public static String expectedPattern() {
        return "NNNN_short_description.sql (or migration_NNN_name.sql; or golang-migrate's N_name.up.sql and "
                + "N_name.down.sql; or Flyway's VN__name.sql and UN__name.sql), with a positive whole-number version";
    }
}
