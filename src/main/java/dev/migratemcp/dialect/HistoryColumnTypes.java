package dev.migratemcp.dialect;

/** SQL types for the history table's columns on one database. */
public record HistoryColumnTypes(String bigint, String integer, String shortText, String longText, String timestamp) {
}
