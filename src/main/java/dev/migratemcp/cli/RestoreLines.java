package dev.migratemcp.cli;

import dev.migratemcp.engine.InterruptedRestore;

/**
 * The lines every lock-free reader (status, pending, history, show-migration) prints about a MySQL restore it found
 * cut short in its swap, so a person sees the same words whichever of them they ran.
 */
final class RestoreLines {

    private RestoreLines() {
    }

    /** Prints nothing when {@code restore} is null; {@code label} is the reader's own left column. */
    static void print(Printer out, String label, InterruptedRestore restore) {
        if (restore == null) {
            return;
        }
        restore.restores().forEach(line -> out.line(label + line + (restore.isUnsettled() ? "" : " (settled now)")));
        if (restore.isUnsettled()) {
            out.line("  not settled: " + restore.reason());
            out.line("  " + restore.hint());
        }
    }
}
