package dev.migratemcp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes migration files into a test's own folder. */
public final class MigrationFiles {

    private final Path dir;

    public MigrationFiles(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes {@code NNNN_name.sql} with the given header lines, up and (when not null) down SQL. */
    public Path write(long version, String name, String header, String up, String down) {
        StringBuilder sb = new StringBuilder();
        if (header != null && !header.isEmpty()) {
            sb.append(header.strip()).append('\n');
        }
        sb.append("-- migrate:up\n").append(up.strip()).append('\n');
        if (down != null) {
            sb.append("-- migrate:down\n").append(down.strip()).append('\n');
        }
        return writeRaw(String.format("%04d_%s.sql", version, name), sb.toString());
    }

    public Path writeRaw(String fileName, String text) {
        try {
            return Files.writeString(dir.resolve(fileName), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A simple reversible migration creating table {@code t<version>}. */
    public Path table(long version) {
        return write(version, "table_" + version, null,
                "CREATE TABLE t" + version + " (id INTEGER PRIMARY KEY, name VARCHAR(50));",
                "DROP TABLE t" + version + ";");
    }
}
