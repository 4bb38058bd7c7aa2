package dev.migratemcp.backup;

import java.io.IOException;

/**
 * A backup our own dump refuses to take, before or while writing it, because the file would not bring the database
 * back exactly: an object it cannot carry, or a value that would not be written back as it is. Nothing is wrong
 * with the server or the disk; {@link #hint()} says what to do instead.
 */
public final class DumpRefusedException extends IOException {

    private final String hint;

    public DumpRefusedException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
