package dev.migratemcp.migration;

/** The SQL cannot be split: something opened (a string, a comment, a body) is never closed. */
public final class SqlSplitException extends Exception {

    private final int line;

    /** @param line 1-based line of the input where the unterminated thing was opened */
    public SqlSplitException(String message, int line) {
        super(message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
