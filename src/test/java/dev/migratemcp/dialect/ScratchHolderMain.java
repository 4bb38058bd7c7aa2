package dev.migratemcp.dialect;

import dev.migratemcp.config.ConnectionSettings;
import dev.migratemcp.config.DatabaseUrls;

/**
 * Run in a child process by the tests: makes a scratch database (or, with {@code schema}, a PostgreSQL scratch
 * schema) as a rehearsal does, prints its URL, and keeps it until killed, like a process killed mid-rehearsal.
 */
public final class ScratchHolderMain {

    private ScratchHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        ConnectionSettings settings = DatabaseUrls.parse(args[0], null, null);
        try (ScratchDatabase scratch = args[1].equals("schema") ? ScratchDatabases.postgresSchema(settings)
                : Dialect.of(settings.kind()).createScratch(settings)) {
            System.out.println("SCRATCH " + scratch.settings().jdbcUrl());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
