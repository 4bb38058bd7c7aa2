package dev.migratemcp.dialect;

/** The migration lock could not be had in time; {@link #holder()} says who holds it, as far as the database knows. */
public final class LockTimeoutException extends Exception {

    private final String holder;

    public LockTimeoutException(String message, String holder) {
        super(message);
        this.holder = holder;
    }

    public String holder() {
        return holder;
    }
}
