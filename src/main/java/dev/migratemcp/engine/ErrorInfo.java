package dev.migratemcp.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error as both faces report it: a stable code, a message saying what happened, a hint saying what to do, and
 * details (version, statement index, SQL state, files and lines...) for a program to act on.
 */
public record ErrorInfo(String code, String message, String hint, Map<String, Object> details) {

    public ErrorInfo {
        // insertion order kept: the details read best in the order they were written
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
