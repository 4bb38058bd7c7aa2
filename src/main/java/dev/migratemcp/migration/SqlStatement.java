package dev.migratemcp.migration;

/**
 * One statement found by {@link SqlSplitter}.
 *
 * @param sql  the statement from its first token to before its delimiter, trimmed; inner comments kept
 * @param line 1-based line of the input where the statement's first token stands
 */
public record SqlStatement(String sql, int line) {
}
