package dev.migratemcp.engine;

import dev.migratemcp.migration.Direction;
import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.RepeatableMigration;
import dev.migratemcp.migration.MigrationStatement;
import dev.migratemcp.migration.Checksums;

import java.util.List;

/**
 * The id of a plan: a hash of everything the plan depends on (the history as it stands, the migrations in the plan
 * with their checksums and the exact SQL, and the live schema), so that any change between review and run shows.
 */
final class PlanFingerprint {

    private PlanFingerprint() {
    }

    static String of(DatabaseState state, Direction direction, List<Migration> plan, String liveSchemaHash) {
        return of(state, direction, plan, List.of(), liveSchemaHash);
    }

    /** As above, with the Flyway repeatable scripts an apply runs after the plan (none: the same id as without). */
    static String of(DatabaseState state, Direction direction, List<Migration> plan,
                     List<RepeatableMigration> repeatables, String liveSchemaHash) {
        StringBuilder sb = new StringBuilder("migrate-mcp plan v1\n").append(direction.id()).append('\n');
        for (HistoryRow r : state.rows) {
            sb.append("history ").append(r.version()).append(' ').append(r.state()).append(' ')
                    .append(r.checksum()).append(' ').append(r.done()).append('\n');
        }
        for (Migration m : plan) {
            sb.append("migration ").append(m.version()).append(' ').append(m.checksum()).append('\n');
            for (MigrationStatement s : m.script(direction).orElseThrow().statements()) {
                sb.append(s.sql()).append("\n;\n");
            }
        }
        for (RepeatableMigration r : repeatables) {
            sb.append("repeatable ").append(r.fileName()).append(' ').append(r.checksum()).append('\n');
            for (MigrationStatement s : r.up().statements()) {
                sb.append(s.sql()).append("\n;\n");
            }
        }
        sb.append("schema ").append(liveSchemaHash).append('\n');
        return Checksums.sha256(sb.toString());
    }
}
