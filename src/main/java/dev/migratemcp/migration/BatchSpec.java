package dev.migratemcp.migration;

/**
 * A statement to run over key-range windows: {@code [from, from + size)} of the integer column {@code keyColumn} of
 * {@code table}, from the smallest key to the largest, with {@code :batch_from} and {@code :batch_to} replaced by
 * each window's bounds. Each window walks the key's index, so the cost per batch stays flat however far in it is
 * (unlike OFFSET paging, which rescans everything before the page).
 */
public record BatchSpec(String table, String keyColumn, long size) {

    public static final String FROM_PLACEHOLDER = ":batch_from";
    public static final String TO_PLACEHOLDER = ":batch_to";

    /** The statement for one window; the bounds are longs, so plain text substitution cannot inject anything. */
    public String bind(String sql, long from, long to) {
        return sql.replace(FROM_PLACEHOLDER, Long.toString(from)).replace(TO_PLACEHOLDER, Long.toString(to));
    }
}
