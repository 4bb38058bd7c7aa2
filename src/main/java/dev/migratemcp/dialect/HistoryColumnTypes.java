package dev.migratemcp.dialect;

/**
 * SQL types for the history tables' columns on one database.
 *
 * @param document    text that may run to megabytes (a schema snapshot): MySQL's TEXT stops at 64 KB
 * @param version     a migration version's canonical text, as a key ({@code Version.MAX_LENGTH} characters)
 * @param versionCast the type a version column is cast to in order to compare it as text, whether the column is
 *                    text already or a number as older releases made it ({@code CAST(version AS ...)})
 */
public record HistoryColumnTypes(String bigint, String integer, String shortText, String longText, String timestamp,
                                 String document, String version, String versionCast) {
}
