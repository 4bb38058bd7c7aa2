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
    ACCEPT_CHECKSUM;

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
