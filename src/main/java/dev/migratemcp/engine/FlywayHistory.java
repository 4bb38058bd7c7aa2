package dev.migratemcp.engine;

import dev.migratemcp.config.HistoryTableName;
import dev.migratemcp.dialect.Dialect;
import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.FlywaySettings;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.MigrationCatalog;
import dev.migratemcp.migration.Version;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The history Flyway keeps ({@code flyway_schema_history}, or the {@code table} its configuration names), read as
 * Flyway reads it, so that a database Flyway migrated continues here with nothing run again. Rows in the order Flyway
 * installed them ({@code installed_rank}):
 * <ul>
 *   <li>a versioned script that succeeded is applied, keeping Flyway's checksum, which is then compared with Flyway's
 *       checksum of the script as it is now (an edited script is a checksum mismatch, as for our own files);</li>
 *   <li>one with {@code success = false} (Flyway records those where DDL is not transactional: MySQL) failed
 *       part-way, a failed migration here that {@code repair} resolves;</li>
 *   <li>a baseline row counts every version up to it as applied, as Flyway ignores the scripts below its baseline;
 *       a {@code DELETE} row (Flyway's {@code repair} of a missing script) and a successful undo take the version
 *       back out; Flyway's {@code SCHEMA} marker is passed over;</li>
 *   <li>a repeatable script (no version) is taken as last run with the checksum of its latest row.</li>
 * </ul>
 * As with golang-migrate and dbmate ({@link ForeignHistory}), the rows are copied into our history once, when it is
 * created, and Flyway's table is never written: the project can go back to Flyway where it left.
 */
final class FlywayHistory {

    static final String TOOL = "Flyway";
    /** How a checksum adopted from Flyway's history is kept in ours: Flyway's number, told apart from our SHA-256. */
    static final String CHECKSUM_PREFIX = "flyway:";

    private FlywayHistory() {
    }

    /** The table Flyway's history is in for this project. */
    static String table(MigrationCatalog catalog) {
        FlywaySettings settings = catalog.flywaySettings();
        return settings == null ? FlywaySettings.DEFAULT_TABLE : settings.table();
    }

    static Optional<ForeignHistory.Found> read(Connection c, Dialect dialect, String ourTable,
                                               MigrationCatalog catalog) throws SQLException {
        String table = table(catalog);
        if (!HistoryTableName.isValid(table) || table.equalsIgnoreCase(ourTable) || !dialect.tableExists(c, table)) {
            return Optional.empty();
        }
        if (!dialect.columnNames(c, table).containsAll(List.of("installed_rank", "version", "type", "checksum",
                "success"))) {
            return Optional.empty();
        }
        Map<Version, HistoryRow> versions = new TreeMap<>();
        Map<String, RepeatableHistory.Row> repeatables = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        Version baseline = null;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version, description, type, "
                + "script, checksum, installed_on, execution_time, success FROM " + table
                + " ORDER BY installed_rank")) {
            while (rs.next()) {
                String versionText = rs.getString("version");
                String description = rs.getString("description");
                String type = String.valueOf(rs.getString("type")).toUpperCase(Locale.ROOT);
                String script = rs.getString("script");
                int checksumValue = rs.getInt("checksum");
                Integer checksum = rs.wasNull() ? null : checksumValue;
                Instant installedOn = dialect.readTimestamp(rs, "installed_on");
                long ms = rs.getLong("execution_time");
                boolean success = rs.getBoolean("success");
                if (type.equals("SCHEMA")) {
                    continue;
                }
                if (versionText == null || versionText.isBlank()) {
                    if (type.equals("DELETE")) {
                        repeatables.remove(description);
                    } else {
                        repeatables.put(description, new RepeatableHistory.Row(description, script, checksum,
                                success ? HistoryRow.APPLIED : HistoryRow.FAILED, installedOn,
                                ForeignHistory.ADOPTED_BY + TOOL, ms, success ? null
                                : "Flyway recorded its last run as failed"));
                    }
                    continue;
                }
                Version version = version(versionText, table);
                if (type.contains("BASELINE")) {
                    baseline = success ? version : baseline;
                } else if (type.equals("DELETE") || type.startsWith("UNDO")) {
                    if (type.equals("DELETE") || success) {
                        versions.remove(version);
                    }
                } else {
                    String kept = type.equals("SQL") && checksum != null ? CHECKSUM_PREFIX + checksum : null;
                    if (!type.equals("SQL")) {
                        notes.add("Flyway's " + table + " has version " + versionText + " as a " + type
                                + " migration: adopted as applied, its checksum not compared");
                    }
                    Migration file = catalog.find(version).orElse(null);
                    versions.put(version, success
                            ? new HistoryRow(version, description, kept, HistoryRow.APPLIED, Direction.UP.id(),
                            installedOn, ForeignHistory.ADOPTED_BY + TOOL, ms, null, null, null, null, null)
                            : new HistoryRow(version, description, kept, HistoryRow.FAILED, Direction.UP.id(),
                            installedOn, ForeignHistory.ADOPTED_BY + TOOL, null,
                            file == null ? null : file.up().statements().size(), 0, null, null, "Flyway recorded "
                            + "version " + versionText + " as failed (success = false): how far it got is not "
                            + "recorded; check the schema, then repair it"));
                }
            }
        }
        if (baseline != null) {
            for (Migration m : catalog.ordered()) {
                if (m.version().compareTo(baseline) <= 0 && !versions.containsKey(m.version())) {
                    versions.put(m.version(), new HistoryRow(m.version(), m.description(), m.checksum(),
                            HistoryRow.APPLIED, Direction.UP.id(), null, ForeignHistory.ADOPTED_BY + TOOL, null,
                            null, null, null, null, null));
                }
            }
            if (!versions.containsKey(baseline)) {
                versions.put(baseline, new HistoryRow(baseline, "Flyway baseline", null, HistoryRow.APPLIED,
                        Direction.UP.id(), null, ForeignHistory.ADOPTED_BY + TOOL, null, null, null, null, null,
                        null));
            }
        }
        return Optional.of(new ForeignHistory.Found(TOOL, table, new ArrayList<>(versions.values()), notes,
                repeatables));
    }

    /** A version of Flyway's history as one here; one that is not is refused rather than skipped (it would run again). */
    private static Version version(String text, String table) {
        try {
            return Version.parseFlyway(text.trim());
        } catch (IllegalArgumentException e) {
            throw new MigrateException(ErrorCode.UNSUPPORTED, "Flyway's " + table + " holds version '" + text
                    + "', which is not a version here (" + e.getMessage() + "): its history cannot be adopted",
                    "Nothing was changed. Flyway's versions are read as numbers in parts (1, 1.1, 2.0.3).");
        }
    }
}
