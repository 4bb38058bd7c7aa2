package dev.migratemcp.cli;

/** Placeholder until the command line lands. */
public final class MigrateCommand {
    private MigrateCommand() {
    }

    public static int run(String[] args) {
        return 0;
    }
}
