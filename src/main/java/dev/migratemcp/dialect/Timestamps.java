package dev.migratemcp.dialect;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** Reads the timestamp texts databases and older tools write: ISO-8601 with or without zone, space or T. */
final class Timestamps {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private Timestamps() {
    }

    /** Text without a zone is taken as UTC, as SQLite's CURRENT_TIMESTAMP writes it. */
    static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException ignored) {
            // not the canonical form; try the others
        }
        try {
            return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException ignored) {
            // no offset
        }
        try {
            return LocalDateTime.parse(t, LOCAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // a number of milliseconds, as some drivers store dates in SQLite
            try {
                return Instant.ofEpochMilli(Long.parseLong(t));
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
    }
}
