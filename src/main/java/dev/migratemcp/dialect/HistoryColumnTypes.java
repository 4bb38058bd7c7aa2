package dev.migratemcp.dialect;

/**
 * SQL types for the history tables' columns on one database.
 *
 * @param document text that may run to megabytes (a schema snapshot): MySQL's TEXT stops at 64 KB
 */
public record HistoryColumnTypes(String bigint, String integer, String shortText, String longText, String timestamp,
                                 String document) {
}
