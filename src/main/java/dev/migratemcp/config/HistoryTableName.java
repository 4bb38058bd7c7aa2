package dev.migratemcp.config;

import java.util.regex.Pattern;

/** The history table's name goes into SQL text, so only plain identifiers are accepted. */
public final class HistoryTableName {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,59}");

    private HistoryTableName() {
    }

    public static boolean isValid(String name) {
        return name != null && PLAIN_IDENTIFIER.matcher(name).matches();
    }
}
