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
    private final boolean sharesDatabase;

    ScratchDatabase(ConnectionSettings settings, Dropper dropper) {
        this(settings, dropper, false);
    }

    /** @param sharesDatabase the scratch is a schema of the real database (PostgreSQL without CREATEDB) */
    ScratchDatabase(ConnectionSettings settings, Dropper dropper, boolean sharesDatabase) {
        this.settings = settings;
        this.dropper = dropper;
        this.sharesDatabase = sharesDatabase;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /**
     * Whether the scratch is only a schema of the real database: statements naming other schemas reach the real
     * ones from it.
     */
    public boolean sharesDatabase() {
        return sharesDatabase;
    }

    @Override
    public void close() throws SQLException {
        dropper.drop();
    }
}
