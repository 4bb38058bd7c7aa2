package dev.migratemcp.migration;

/** Something wrong in a migration file; {@code line} is 1-based, 0 when the problem is the file as a whole. */
public record FileProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
