package dev.migratemcp.migration;

/**
 * A Flyway repeatable script ({@code R__<description>.sql}): no version; it runs after the versioned migrations
 * whenever its checksum differs from the one it last ran with (the first time: when it is new), and is never
 * reverted. It is told apart from other repeatables by its description, as Flyway does.
 *
 * @param checksum       Flyway's checksum of the script with its placeholders replaced (so a changed placeholder
 *                       value runs it again, as in Flyway)
 * @param rawChecksum    Flyway's checksum of the script as written, which Flyway also accepts as unchanged
 * @param fileName       its path inside its location, as Flyway's history records it
 */
public record RepeatableMigration(String description, String fileName, int checksum, int rawChecksum,
                                  MigrationScript up) {

    /** Whether a recorded checksum says this script ran as it is now. */
    public boolean ranAs(Integer recorded) {
        return recorded != null && (recorded == checksum || recorded == rawChecksum);
    }
}
