package dev.migratemcp.migration;

import java.util.List;
import java.util.Optional;

/**
 * One migration file, parsed and resolved for one kind of database.
 *
 * @param version        positive, unique among the files
 * @param description    from the {@code description} directive, else from the file name
 * @param dependsOn      versions that must be applied before this one
 * @param dependsOnLine  line of the depends_on directive (0 when there is none), for error messages
 * @param backupRequired the file says its changes put data at risk
 * @param checksum       SHA-256 (hex) of the file's text with line endings normalised
 * @param fileName       the file's name (for layouts that keep up and down apart, the up file's), for messages
 * @param up             what applying runs
 * @param down           what reverting runs; null when the migration is irreversible: no down section, or one
 *                       without statements that does not say {@code noop}
 * @param emptyDown      where the down section without statements is ({@code file} or {@code file:line}), when
 *                       that is why {@code down} is null; null otherwise
 */
public record Migration(Version version, String description, List<Version> dependsOn, int dependsOnLine, boolean backupRequired,
                        String checksum, String fileName, MigrationScript up, MigrationScript down, String emptyDown) {

    public Migration {
        dependsOn = List.copyOf(dependsOn);
    }

    /** A migration whose down, when it has none, is simply missing. */
    public Migration(Version version, String description, List<Version> dependsOn, int dependsOnLine,
                     boolean backupRequired, String checksum, String fileName, MigrationScript up,
                     MigrationScript down) {
        this(version, description, dependsOn, dependsOnLine, backupRequired, checksum, fileName, up, down, null);
    }

    public Optional<MigrationScript> script(Direction direction) {
        return Optional.ofNullable(direction == Direction.UP ? up : down);
    }

    public boolean reversible() {
        return down != null;
    }

    /** Where the SQL that reverts this migration belongs, for messages that ask for it. */
    public String whereDownGoes() {
        if (emptyDown != null) {
            return "the SQL that reverts it to the empty down in " + emptyDown + " (or, when reverting it needs "
                    + "no SQL, write '-- migrate:down noop' there)";
        }
        String downFile = PairedFileLayout.downFileFor(fileName);
        return downFile != null ? "a file " + downFile : "a '-- migrate:down' section in " + fileName;
    }

    /** Why this migration cannot be reverted, as the end of a sentence that starts with its version. */
    public String whyIrreversible() {
        return emptyDown != null ? "has a down without statements (" + emptyDown + ")" : "has no down section";
    }

    /** The files this migration is read from: its own, or its up file and then its down file. */
    public List<String> files() {
        return down == null || down.file().equals(fileName) ? List.of(fileName) : List.of(fileName, down.file());
    }
}
