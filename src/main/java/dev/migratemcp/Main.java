package dev.migratemcp;

import dev.migratemcp.dialect.DriverPreload;
import dev.migratemcp.mcp.StartupWarmUp;

/** Entry point of the jar: the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        headStart(args);
        System.exit(dev.migratemcp.cli.MigrateCommand.run(args));
    }

    /**
     * What starts on other threads while the main one parses the command line: the database's driver and, for
     * {@code serve}, the MCP side's JSON (see {@link DriverPreload}, {@link StartupWarmUp}).
     */
    public static void headStart(String[] args) {
        DriverPreload.start(args, System.getenv());
        StartupWarmUp.start(args);
    }
}
