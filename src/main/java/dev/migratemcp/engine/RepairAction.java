package dev.migratemcp.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The ways out of a failed migration, and of an applied one whose file was changed on purpose. */
public enum RepairAction {
    /** Run the rest of the failed direction's statements, after the cause has been fixed. */
    RESUME,
    /** A person undid the partial change (or finished the partial revert) by hand: forget the failed attempt. */
    MARK_REVERTED,
    /** Undo what took effect with the matching statements of the other direction. */
    REVERT_PARTIAL,
    /**
     * The file of an applied migration was edited on purpose (a corrected down section, a comment): record its new
     * checksum. Nothing runs; the up SQL is not applied again.
     */
    ACCEPT_CHECKSUM,
    /**
     * A statement in doubt (it ran outside any transaction and the run stopped before its end was recorded) took
     * effect, as a person checked where the live schema cannot say. Nothing runs; resume and revert_partial then
     * go on from there.
     */
    MARK_STATEMENT_DONE,
    /** As {@link #MARK_STATEMENT_DONE}, for a statement in doubt that did not take effect. */
    MARK_STATEMENT_NOT_DONE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RepairAction parse(String text) {
        return Arrays.stream(values()).filter(a -> a.id().equals(text.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new MigrateException(ErrorCode.INVALID_ARGUMENT, "unknown repair action '" + text
                        + "'", "Use one of " + Arrays.stream(values()).map(RepairAction::id)
                        .collect(Collectors.joining(", ")) + ".", Map.of("action", text), null));
    }
}
