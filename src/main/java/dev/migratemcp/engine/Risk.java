package dev.migratemcp.engine;

/**
 * Something a statement may do that a reviewer should weigh before it runs.
 *
 * @param kind data_loss, fails_if_not_empty, long_lock, not_transactional, non_transactional_table or table_rebuild
 */
public record Risk(String kind, String message) {

    /** The kind that makes a plan destructive: an apply with such a statement needs confirmation. */
    public static final String DATA_LOSS = "data_loss";
}
