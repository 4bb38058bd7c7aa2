package dev.migratemcp.cli;

import dev.migratemcp.migration.Version;
import dev.migratemcp.engine.ProgressListener;
import dev.migratemcp.migration.Direction;

/** Progress on stderr for {@code --verbose}: a line per migration and per batch window. */
final class VerboseProgress implements ProgressListener {

    private final Printer out;

    VerboseProgress(Printer out) {
        this.out = out;
    }

    @Override
    public void migrationStarted(Version version, String description, Direction direction, int position, int planSize) {
        out.note("[" + position + "/" + planSize + "] " + (direction == Direction.UP ? "applying" : "reverting")
                + " version " + version + ": " + description);
    }

    @Override
    public void batchDone(Version version, int statementIndex, long batchNumber, long batchTotal, long rowsAffected) {
        out.note("    statement " + statementIndex + ": batch " + batchNumber + " of at most " + batchTotal + ", "
                + rowsAffected + " row(s)");
    }

    @Override
    public void backupProgress(long done, long total) {
        if (done == 0) {
            out.note("backing up the database...");
        } else if (done == total) {
            out.note("    backup written");
        }
    }

    @Override
    public void migrationFinished(Version version, Direction direction, long executionMs) {
        out.note("    done in " + executionMs + " ms");
    }
}
