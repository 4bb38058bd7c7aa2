package dev.migratemcp.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** An operation could not be done; {@link #error()} says why in the form both faces report. */
public final class MigrateException extends RuntimeException {

    private final ErrorCode code;
    private final String hint;
    private final transient Map<String, Object> details;

    public MigrateException(ErrorCode code, String message, String hint) {
        this(code, message, hint, Map.of(), null);
    }

    public MigrateException(ErrorCode code, String message, String hint, Map<String, Object> details, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.hint = hint;
        this.details = new LinkedHashMap<>(details);
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorInfo error() {
        return new ErrorInfo(code.id(), getMessage(), hint, details);
    }

    /** The same error with one more detail, e.g. what was already applied when it happened. */
    public MigrateException withDetail(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new MigrateException(code, getMessage(), hint, more, getCause());
    }
}
