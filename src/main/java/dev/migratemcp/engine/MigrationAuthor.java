package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.migration.FileProblem;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationCatalog;
import dev.migratemcp.migration.MigrationDirectory;
import dev.migratemcp.migration.MigrationFileException;
import dev.migratemcp.migration.MigrationFileParser;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the next migration file in two steps: a {@link Draft} checked to parse, split and fit the existing set, which
 * the caller may rehearse (against the real database engine) before it is written; then the file, written under a
 * temporary name and linked into place, which fails rather than overwrite a file that appeared meanwhile.
 */
final class MigrationAuthor {

    private final Path dir;
    private final DatabaseKind kind;

    MigrationAuthor(Path dir, DatabaseKind kind) {
        this.dir = dir;
        this.kind = kind;
    }

    /** The next migration, checked but not written: its file name, its text, and the migration as it runs here. */
    record Draft(String fileName, String text, Migration migration) {

        /** Writes the draft into {@code folder} under its own name; fails if that name is taken. */
        void writeInto(Path folder) throws IOException {
            Path target = folder.resolve(fileName);
            Path temp = Files.createTempFile(folder, ".new-migration-", ".tmp");
            try {
                Files.writeString(temp, text);
                try {
                    Files.createLink(target, temp); // atomic, and refuses an existing name
                } catch (UnsupportedOperationException e) {
                    Files.move(temp, target); // no hard links here: a plain move also refuses an existing name
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Checks the migration against the files there are; writes nothing. */
    Draft draft(MigrationCatalog catalog, String description, String upSql, String downSql, List<Version> dependsOn,
                boolean backupRequired) {
        if (description == null || description.isBlank()) {
            throw invalid("description is required", "Say in a few words what the migration does.");
        }
        if (upSql == null || upSql.isBlank()) {
            throw invalid("up_sql is required", "Pass the SQL that applies the change.");
        }
        Version version = catalog.latestVersion().nextWhole();
        String fileName = String.format("%0" + width(catalog) + "d_%s.sql", version.asLong(), slug(description));
        String text = render(description, upSql, downSql, dependsOn, backupRequired);
        Migration parsed;
        try {
            parsed = MigrationFileParser.parse(fileName, text, kind);
            List<Migration> all = new ArrayList<>(catalog.ordered());
            all.add(parsed);
            MigrationDirectory.check(all, List.of());
        } catch (MigrationFileException e) {
            throw new MigrateException(ErrorCode.INVALID_MIGRATION_FILE, "the new migration would not be valid: "
                    + e.getMessage(), "Fix the SQL or the dependencies; no file was written.",
                    Map.of("problems", problems(e.problems())), null);
        }
        return new Draft(fileName, text, parsed);
    }

    /** Writes the draft into the migrations folder; returns the migration as it will run here. */
    Migration write(Draft draft) {
        try {
            draft.writeInto(dir);
        } catch (FileAlreadyExistsException e) {
            throw new MigrateException(ErrorCode.INVALID_ARGUMENT, "a file named " + draft.fileName()
                    + " already exists", "Another migration was written at the same time; call create_migration "
                    + "again.");
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.INVALID_CONFIG, "cannot write " + draft.fileName() + " into " + dir
                    + ": " + e.getMessage(), "Check that the migrations folder is writable.");
        }
        return draft.migration();
    }

    private static String render(String description, String upSql, String downSql, List<Version> dependsOn,
                                 boolean backupRequired) {
        StringBuilder sb = new StringBuilder();
        sb.append("-- migrate:description ").append(description.strip().replaceAll("\\s+", " ")).append('\n');
        if (dependsOn != null && !dependsOn.isEmpty()) {
            sb.append("-- migrate:depends_on ")
                    .append(dependsOn.stream().map(String::valueOf).collect(Collectors.joining(" "))).append('\n');
        }
        if (backupRequired) {
            sb.append("-- migrate:backup_required\n");
        }
        sb.append("\n-- migrate:up\n").append(withSemicolon(upSql));
        if (downSql != null && !downSql.isBlank()) {
            sb.append("\n-- migrate:down\n").append(withSemicolon(downSql));
        }
        return sb.toString();
    }

    private static String withSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s + "\n" : s + ";\n";
    }

    /** Zero-padded like the files already there (at least four digits). */
    private static int width(MigrationCatalog catalog) {
        int width = 4;
        for (Migration m : catalog.ordered()) {
            int digits = m.fileName().replaceFirst("^migration_", "").indexOf('_');
            width = Math.max(width, digits);
        }
        return width;
    }

    static String slug(String description) {
        String s = description.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("(^_|_$)", "");
        if (s.isEmpty()) {
            s = "migration";
        }
        return s.length() > 60 ? s.substring(0, 60).replaceAll("_$", "") : s;
    }

    private static List<Map<String, Object>> problems(List<FileProblem> problems) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FileProblem p : problems) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("file", p.file());
            item.put("line", p.line());
            item.put("message", p.message());
            out.add(item);
        }
        return out;
    }

    private static MigrateException invalid(String message, String hint) {
        return new MigrateException(ErrorCode.INVALID_ARGUMENT, message, hint);
    }
}
