package dev.migratemcp.dialect;

import java.net.InetAddress;

/** Who this process is, in words a person can act on when it holds a lock someone else is waiting for. */
final class ProcessIdentity {

    private ProcessIdentity() {
    }

    static String describe() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown host";
        }
        return "migrate-mcp pid " + ProcessHandle.current().pid() + " on " + host;
    }

    /** A short application name for database sessions, so lock holders can be recognised in pg_stat_activity. */
    static String applicationName() {
        return "migrate-mcp pid " + ProcessHandle.current().pid();
    }
}
