package dev.migratemcp.dialect;

import dev.migratemcp.config.DatabaseUrls;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;

/**
 * Run in a child process by the tests: takes the migration lock, says so, and waits to be killed. With a second
 * argument {@code reserved} or {@code exclusive} (SQLite), it also holds SQLite's own write lock the way a migration
 * run in progress does: {@code reserved} as when its transaction has written only to its cache, {@code exclusive} as
 * when it has written pages to the file, which keeps readers out too.
 */
public final class LockHolderMain {

    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Database db = Database.open(DatabaseUrls.parse(args[0], null, null), Duration.ofSeconds(10));
             Connection c = db.connection();
             MigrationLock lock = db.dialect().acquireLock(c, "schema_version", Duration.ofSeconds(10));
             Connection writer = args.length > 1 ? sqliteTransaction(db, args[1]) : null) {
            System.out.println("LOCKED");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    private static Connection sqliteTransaction(Database db, String mode) throws Exception {
        Properties p = new Properties();
        p.setProperty("transaction_mode", switch (mode) {
            case "reserved" -> "IMMEDIATE";
            case "exclusive" -> "EXCLUSIVE";
            default -> throw new IllegalArgumentException("mode " + mode);
        });
        Connection writer = DriverManager.getConnection(db.settings().jdbcUrl(), p);
        writer.setAutoCommit(false); // sqlite-jdbc begins the transaction here, taking the lock at once
        return writer;
    }
}
