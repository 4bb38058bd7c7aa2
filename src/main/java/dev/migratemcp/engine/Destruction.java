package dev.migratemcp.engine;

/**
 * Something a statement would destroy, so that a person or a model can judge a rollback before confirming it.
 *
 * @param kind   table, column, view, index, trigger, routine or rows
 * @param object the name (columns as table.column)
 * @param rows   how many rows go with it, counted when the plan was made; null when not countable
 */
public record Destruction(String kind, String object, Long rows) {
}
