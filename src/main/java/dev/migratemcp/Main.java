package dev.migratemcp;

import dev.migratemcp.cli.LogSetup;
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
     *
     * <p>Logging's settings come first, before any other thread exists: the pool's classes make their loggers as
     * they load on the preload thread, and whichever thread comes first starts slf4j with the settings it finds.
     * Started before they were set, it took its defaults (the pool's log on, at info) instead.
     */
    public static void headStart(String[] args) {
        LogSetup.startInBackground(args, System.getenv());
        DriverPreload.start(args, System.getenv());
        StartupWarmUp.start(args);
    }
}
