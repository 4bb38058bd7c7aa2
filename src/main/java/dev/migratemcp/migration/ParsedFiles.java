package dev.migratemcp.migration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The migration last parsed from each file, handed out again while the file reads exactly the same.
 *
 * <p>Every command and every tool call re-reads the whole folder, so that a file changed since the last call is seen
 * (a checksum mismatch, a new version). In a long-lived MCP server that re-read was most of a warm call: splitting
 * every file and hashing it again. The files are still read each time; what is skipped is the parse, and only when
 * everything it depends on (the text after placeholders, the raw text the checksum is taken from, the per-script
 * settings, the database kind) is equal to last time's, compared in full, never by size or modification time.
 *
 * <p>One entry per file name, so the memory held is one parse per file; a failed parse is not kept.
 */
final class ParsedFiles {

    private static final Map<String, Entry> LAST = new ConcurrentHashMap<>();

    private record Entry(Object inputs, Migration migration) {
    }

    @FunctionalInterface
    interface Parse {
        Migration run() throws MigrationFileException;
    }

    private ParsedFiles() {
    }

    /**
     * The migration of file {@code name}, parsed by {@code parse} unless {@code inputs} (a value comparing
     * everything the parse reads) equal those of the last parse of that name.
     */
    static Migration parse(String name, Object inputs, Parse parse) throws MigrationFileException {
        Entry last = LAST.get(name);
        if (last != null && last.inputs.equals(inputs)) {
            return last.migration;
        }
        Migration migration = parse.run();
        LAST.put(name, new Entry(inputs, migration));
        return migration;
    }
}
