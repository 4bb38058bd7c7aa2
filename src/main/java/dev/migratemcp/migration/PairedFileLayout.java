package dev.migratemcp.migration;

import dev.migratemcp.dialect.DatabaseKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layouts of other tools that keep a migration's up and down in two files of plain SQL, read as they are, so a
 * project can be handed to migrate-mcp without rewriting its history:
 * <ul>
 *   <li>golang-migrate: {@code 1_create_users.up.sql} and {@code 1_create_users.down.sql};</li>
 *   <li>Flyway: {@code V1__Create_users.sql} and its undo {@code U1__Create_users.sql}, with an optional
 *       {@code V1__Create_users.sql.conf} whose {@code executeInTransaction=false} runs it outside a transaction.</li>
 * </ul>
 * The files hold SQL only: no {@code -- migrate:} directives, no dialect sections, no dependencies. golang-migrate's
 * versions are whole numbers, 0 included (golang-migrate allows it); Flyway's may be dotted, with {@code _} read as
 * {@code .} as Flyway reads it ({@code V1_1__x.sql} is version 1.1); names follow the project's Flyway settings
 * ({@link FlywayNames}), and its repeatable scripts are read by {@link RepeatableScripts}. An up file without
 * statements is a migration that changes nothing (golang-migrate runs it so); a down file without statements makes the migration irreversible unless it
 * holds the line {@code -- migrate:down noop} (a comment to the other tool), as in our own format.
 *
 * <p>The checksum covers the up file and, when there is one, the down file: editing either after the migration was
 * applied is a change, as it is for a file of our own format.
 */
final class PairedFileLayout {

    private static final Pattern GOLANG_MIGRATE = Pattern.compile("(\\d+)_(.*)\\.(up|down)\\.sql");
    private static final Pattern NOOP_DOWN = Pattern.compile("(?m)^-- migrate:down noop\\s*$");

    /** What a file's name says: which migration it belongs to, which half of it it is, and whose layout. */
    record Name(Version version, String description, Direction direction, boolean flyway) {
    }

    /**
     * A file read from disk, with its Flyway settings when it has a {@code .conf} beside it.
     *
     * @param text the text to run: for a Flyway script, with its placeholders replaced
     * @param raw  the text as the file holds it, which the checksums cover
     */
    record SourceFile(String name, String text, Map<String, String> settings, String raw) {
    }

    private PairedFileLayout() {
    }

    /**
     * Empty when the name belongs to neither layout; a name that does belong but cannot be used here (a dotted or
     * missing version) throws, with the reason. {@code flyway} is what Flyway's rules read in the name (repeatable
     * scripts are sorted out before this is asked).
     */
    static Optional<Name> parseName(String fileName, Optional<FlywayNames.Name> flyway)
            throws MigrationFileException {
        Matcher golang = GOLANG_MIGRATE.matcher(fileName);
        if (golang.matches()) {
            return Optional.of(new Name(MigrationFileName.version(fileName, golang.group(1), true),
                    words(golang.group(2)), golang.group(3).equals("up") ? Direction.UP : Direction.DOWN, false));
        }
        if (flyway.isEmpty()) {
            return Optional.empty();
        }
        Version version;
        try {
            version = Version.parseFlyway(flyway.get().version());
        } catch (IllegalArgumentException e) {
            throw problem(fileName, e.getMessage() + " (Flyway reads _ as .: V1_1__name.sql is version 1.1)");
        }
        return Optional.of(new Name(version, flyway.get().description().trim(),
                flyway.get().kind() == FlywayNames.Kind.VERSIONED ? Direction.UP : Direction.DOWN, true));
    }

    /**
     * Builds the migration of one version from its up file and, when there is one, its down file; every problem
     * found (empty file, unbalanced quote, unknown setting) is collected before failing.
     */
    static Migration migration(Name name, SourceFile up, SourceFile down, DatabaseKind kind)
            throws MigrationFileException {
        List<FileProblem> problems = new ArrayList<>();
        String upText = Checksums.normalise(up.text());
        String downText = down == null ? null : Checksums.normalise(down.text());
        String upRaw = Checksums.normalise(up.raw());
        String downRaw = down == null ? null : Checksums.normalise(down.raw());
        MigrationScript upScript = script(Direction.UP, up, upText, kind, problems);
        MigrationScript downScript = down == null ? null : script(Direction.DOWN, down, downText, kind, problems);
        String emptyDown = null;
        if (downScript != null) {
            boolean noop = NOOP_DOWN.matcher(downText).find();
            if (noop && !downScript.statements().isEmpty()) {
                problems.add(new FileProblem(down.name(), 0, "the file says '-- migrate:down noop' but holds "
                        + "statements: remove one or the other"));
            } else if (!noop && downScript.statements().isEmpty()) {
                emptyDown = down.name();
                downScript = null;
            }
        }
        if (!problems.isEmpty()) {
            throw new MigrationFileException(problems);
        }
        // the files as written: a placeholder's value is configuration, not a change of the script (as in Flyway)
        String checksum = Checksums.sha256(downRaw == null ? upRaw : upRaw + '\u0000' + downRaw);
        String description = name.description().isEmpty() ? "migration " + name.version() : name.description();
        return new Migration(name.version(), description, List.of(), 0, false, checksum, up.name(), upScript,
                downScript, emptyDown);
    }

    /** Where a layout expects the down half of a migration whose up half is {@code upFile}. */
    static String downFileFor(String upFile) {
        if (upFile.endsWith(".up.sql")) {
            return upFile.substring(0, upFile.length() - ".up.sql".length()) + ".down.sql";
        }
        return upFile.startsWith("V") ? "U" + upFile.substring(1) : null;
    }

    static MigrationScript script(Direction direction, SourceFile file, String text, DatabaseKind kind,
                                  List<FileProblem> problems) {
        Boolean transactional = null;
        for (Map.Entry<String, String> setting : file.settings().entrySet()) {
            switch (setting.getKey()) {
                case "executeInTransaction" -> transactional = !setting.getValue().equalsIgnoreCase("false");
                case "encoding" -> {
                    if (!setting.getValue().replace("-", "").equalsIgnoreCase("UTF8")) {
                        problems.add(new FileProblem(file.name() + ".conf", 0, "only UTF-8 files are read"));
                    }
                }
                case "placeholderReplacement" -> {
                    // applied when the file was read (MigrationDirectory)
                }
                default -> problems.add(new FileProblem(file.name() + ".conf", 0, "unsupported setting '"
                        + setting.getKey() + "' (only executeInTransaction, placeholderReplacement and encoding are "
                        + "understood)"));
            }
        }
        try {
            List<MigrationStatement> statements = new ArrayList<>();
            for (SqlStatement st : SqlSplitter.split(text, kind)) {
                statements.add(new MigrationStatement(st.sql(), st.line(), null));
            }
            return new MigrationScript(direction, transactional != null ? transactional
                    : !NonTransactionalStatements.anyIn(statements, kind), statements, file.name());
        } catch (SqlSplitException e) {
            problems.add(new FileProblem(file.name(), e.line(), e.getMessage()));
            return null;
        }
    }

    /** Reads Flyway's per-script configuration: {@code key=value} lines, {@code #} comments. */
    static Map<String, String> readSettings(String fileName, String text) throws MigrationFileException {
        Map<String, String> settings = new TreeMap<>();
        String[] lines = Checksums.normalise(text).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new MigrationFileException(List.of(new FileProblem(fileName, i + 1,
                        "expected key=value, found '" + line + "'")));
            }
            settings.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return settings;
    }

    private static String words(String nameWords) {
        return nameWords.replace('_', ' ').replace('-', ' ').trim();
    }

    private static MigrationFileException problem(String fileName, String message) {
        return new MigrationFileException(List.of(new FileProblem(fileName, 0, message)));
    }
}
