package dev.migratemcp.backup;

import java.io.IOException;
import java.util.List;

/** A restore that did not start, and changed nothing, for the reasons listed. */
public final class RestoreRefusedException extends IOException {

    private final List<String> reasons;

    public RestoreRefusedException(String message, List<String> reasons) {
        super(message + ": " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
