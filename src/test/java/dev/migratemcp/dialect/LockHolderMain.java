package dev.migratemcp.dialect;

import dev.migratemcp.config.DatabaseUrls;

import java.sql.Connection;
import java.time.Duration;

/** Run in a child process by the dialect tests: takes the migration lock, says so, and waits to be killed. */
public final class LockHolderMain {

    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Database db = Database.open(DatabaseUrls.parse(args[0], null, null), Duration.ofSeconds(10));
             Connection c = db.connection();
             MigrationLock lock = db.dialect().acquireLock(c, "schema_version", Duration.ofSeconds(10))) {
            System.out.println("LOCKED");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
