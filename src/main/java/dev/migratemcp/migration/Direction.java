package dev.migratemcp.migration;

/** Which way a migration runs: {@code up} applies it, {@code down} reverts it. */
public enum Direction {
    UP, DOWN;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
