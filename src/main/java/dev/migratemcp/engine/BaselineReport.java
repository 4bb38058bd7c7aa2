package dev.migratemcp.engine;

import dev.migratemcp.migration.Version;
import dev.migratemcp.schema.SchemaDiff;

import java.util.List;

/**
 * Marking an existing database as being at a version without running anything.
 *
 * @param status         "confirmation_required" (nothing changed) or "baselined"
 * @param versions       the migrations recorded as applied
 * @param checkedAgainst what the live schema was compared with: "recorded_snapshot" or "rehearsal" (the migrations
 *                       run on a scratch database)
 */
public record BaselineReport(String status, Version version, List<Version> versions, String checkedAgainst,
                             List<SchemaDiff.Difference> differences) {
}
