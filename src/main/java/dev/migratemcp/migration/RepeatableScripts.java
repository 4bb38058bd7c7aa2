package dev.migratemcp.migration;

import dev.migratemcp.dialect.DatabaseKind;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a Flyway repeatable script: its settings, placeholders, statements and both of Flyway's checksums. */
final class RepeatableScripts {

    private RepeatableScripts() {
    }

    static RepeatableMigration read(String name, FlywayNames.Name parsed, Path file, DatabaseKind kind,
                                    Placeholders placeholders, FlywaySettings rules)
            throws IOException, MigrationFileException {
        Map<String, String> settings = MigrationDirectory.scriptSettings(file, name);
        String raw;
        try {
            raw = MigrationDirectory.read(file);
        } catch (CharacterCodingException e) {
            throw FlywayNames.problem(name, "not valid UTF-8 text");
        }
        boolean replace = MigrationDirectory.replacesPlaceholders(rules, settings);
        String text = replace ? placeholders.replace(name, Checksums.normalise(raw)) : Checksums.normalise(raw);
        List<FileProblem> problems = new ArrayList<>();
        MigrationScript script = PairedFileLayout.script(Direction.UP,
                new PairedFileLayout.SourceFile(name, text, settings, raw), text, kind, problems);
        if (!problems.isEmpty()) {
            throw new MigrationFileException(problems);
        }
        String description = parsed.description().trim();
        return new RepeatableMigration(description.isEmpty() ? name : description, name,
                FlywayChecksum.of(text), FlywayChecksum.of(raw), script);
    }
}
