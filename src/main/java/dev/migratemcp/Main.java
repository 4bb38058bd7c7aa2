package dev.migratemcp;

import dev.migratemcp.dialect.DriverPreload;

/** Entry point of the jar: the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        DriverPreload.start(args, System.getenv());
        System.exit(dev.migratemcp.cli.MigrateCommand.run(args));
    }
}
