package dev.migratemcp.dialect;

import dev.migratemcp.config.ConnectionSettings;

import java.sql.SQLException;

/** A throwaway database: where to reach it, and how to make it go away again. */
public final class ScratchDatabase implements AutoCloseable {

    /** Drops the scratch database. */
    @FunctionalInterface
    interface Dropper {
        void drop() throws SQLException;
    }

    private final ConnectionSettings settings;
    private final Dropper dropper;

    ScratchDatabase(ConnectionSettings settings, Dropper dropper) {
        this.settings = settings;
        this.dropper = dropper;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    @Override
    public void close() throws SQLException {
        dropper.drop();
    }
}
