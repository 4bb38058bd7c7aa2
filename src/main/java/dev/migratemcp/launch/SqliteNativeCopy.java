package dev.migratemcp.launch;

import org.sqlite.util.LibraryLoaderUtil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies sqlite-jdbc's native library for this machine out of the jar, once, at build time, so that the launcher
 * can point the driver at it ({@code org.sqlite.lib.path} / {@code org.sqlite.lib.name}).
 *
 * <p>Without that, the driver extracts its library at every start: it inflates about 1 MB from the jar into the
 * temp folder under a new name, reads both copies again to compare them, scans the temp folder for stale copies and
 * loads the new file, some 70 ms of CPU before any SQLite command (measured on the project machine; loading a
 * ready copy takes about 15). If the copy cannot be loaded (another architecture, another C library), the driver
 * falls back to extracting, so a wrong copy costs time, never a start.
 *
 * <p>Argument: the folder to write to (created). Prints nothing on success; exits 1, saying why on stderr, when the
 * jar holds no library for this machine.
 */
public final class SqliteNativeCopy {

    private SqliteNativeCopy() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SqliteNativeCopy FOLDER");
            System.exit(2);
        }
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream library = SqliteNativeCopy.class.getResourceAsStream(resource)) {
            if (library == null) {
                System.err.println("sqlite-jdbc has no native library for this machine at " + resource);
                System.exit(1);
            }
            Path folder = Files.createDirectories(Path.of(args[0]));
            Path partial = folder.resolve(name + ".partial");
            Files.copy(library, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
