package dev.migratemcp;

/** Entry point of the jar: the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(dev.migratemcp.cli.MigrateCommand.run(args));
    }
}
