package dev.migratemcp.engine;

import dev.migratemcp.migration.Migration;
import dev.migratemcp.migration.Version;
import dev.migratemcp.schema.SchemaSnapshot;
import dev.migratemcp.schema.SchemaSnapshot.TableInfo;
import dev.migratemcp.schema.SnapshotJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The snapshots of one run of migrations: each version the run reaches gets its record (see {@link SnapshotStore}).
 *
 * <p>The schema is read whole once at the start and carried in memory; each migration's record is the carried
 * schema with the tables it names ({@link SchemaFootprint}) replaced by what they are after it. A table that no
 * later migration of the run names (the usual case: a migration creates a table and its indexes) is the same after
 * it as at the end of the run, so it is taken from a whole read made then; only the tables named again later are
 * read right after the migration. The records wait in memory and are written with the run's last migration (in its
 * transaction, where it has one) or, when a migration fails, from a whole read made then: a table the failed
 * migration names was read right after the last one before it that named it, and any other table is as the last
 * migration that named it left it, whether the failure was rolled back or left part of its statements done (MySQL,
 * {@code no_transaction}). Reading a table costs several catalogue queries, tens of milliseconds a migration on a
 * loaded PostgreSQL or MariaDB server, which had been most of a long run's time.
 *
 * <p>Every record is complete: every kind of object and attribute, in every schema covered. A table read by name
 * is read with everything a whole read gives it; the statements {@link SchemaFootprint} understands change tables
 * only (their indexes, keys, and the triggers of a table dropped), so a version whose migration it understands has
 * the views, routines, sequences, types, schemas and extensions of the version before; any other migration,
 * including one naming another schema covered, is followed by a whole read.
 *
 * <p>A process killed in the middle of a run loses the records still waiting; those versions have none, and
 * validation finds their reference by rehearsal, as for a database migrated before snapshots existed. At the end of
 * a run the carried schema is compared with the whole read: should they differ (a statement reached further than
 * the tables it names), the run's intermediate records are dropped rather than trusted.
 */
final class SnapshotRun {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRun.class);

    private final SnapshotStore store;
    private final List<Migration> plan;
    /** the schema as the records written so far leave it (null for a run of one, which records only its end) */
    private final SnapshotStore.Carried schema;
    /** per migration of the plan, the tables it names, or empty when that cannot be told */
    private final List<Optional<Set<String>>> footprints = new ArrayList<>();
    /** per migration of the plan, the tables later migrations name; null: unknown, so every table */
    private final List<Set<String>> namedLater = new ArrayList<>();
    /** records waiting for a whole read of the schema, in run order */
    private final List<Waiting> waiting = new ArrayList<>();
    /** the record the next delta builds on; null: the next record is stored whole */
    private Version baseVersion;
    private String baseHash;
    private final List<Version> recorded = new ArrayList<>();

    /** A version whose record waits: the tables it names, and those of them read right after it. */
    private record Waiting(Version version, Optional<Set<String>> named, List<TableInfo> readAfter,
                           SchemaSnapshot wholeAfter) {
    }

    private SnapshotRun(SnapshotStore store, List<Migration> plan, SnapshotStore.Carried schema,
                        Version baseVersion, String baseHash) {
        this.store = store;
        this.plan = plan;
        this.schema = schema;
        this.baseVersion = baseVersion;
        this.baseHash = baseHash;
        if (schema != null) {
            for (Migration m : plan) {
                footprints.add(SchemaFootprint.of(m.up().statements(), schema.tables(), store.otherSchemas()));
            }
            Set<String> later = new HashSet<>();
            for (int i = plan.size() - 1; i >= 0; i--) {
                namedLater.add(0, later == null ? null : Set.copyOf(later));
                Optional<Set<String>> named = footprints.get(i);
                later = later == null || named.isEmpty() ? null : union(later, named.get());
            }
        }
    }

    /**
     * Starts recording a run of {@code plan} from {@code fromVersion}. A run of one only records its end, whole; a
     * longer run reads the live schema once now, to carry it from migration to migration.
     */
    static SnapshotRun start(SnapshotStore store, Connection c, Version fromVersion, List<Migration> plan)
            throws SQLException {
        if (plan.size() <= 1) {
            return new SnapshotRun(store, plan, null, null, null);
        }
        SchemaSnapshot now = store.live(c);
        String stored = store.storedHash(c, fromVersion);
        // deltas may build on the starting version's record only when that record is this very schema, whole
        boolean sameAsRecorded = stored != null && stored.equals(now.hash());
        return new SnapshotRun(store, plan, new SnapshotStore.Carried(now),
                sameAsRecorded ? fromVersion : null, sameAsRecorded ? stored : null);
    }

    /** The step for the plan's migration at {@code index}, which brings the database to {@code version}. */
    SnapshotStore.Step after(int index, Version version) {
        boolean last = index == plan.size() - 1;
        return c -> {
            if (last) {
                recordEnd(c, index, version);
            } else {
                recordLater(c, index, version);
            }
        };
    }

    /**
     * After a failed migration: the versions reached before it get their records from the schema now (see the class
     * comment). A failure here is logged, not raised: the migration's own failure is what the caller reports, and a
     * version left without a record is validated by rehearsal.
     */
    void afterFailure(Connection c) {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            settle(c, store.live(c));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("could not record the schemas of the versions applied before the failure: {}", e.getMessage());
        }
    }

    private void recordLater(Connection c, int index, Version version) throws SQLException {
        Optional<Set<String>> named = footprints.get(index);
        if (named.isEmpty()) {
            waiting.add(new Waiting(version, named, List.of(), store.live(c)));
            return;
        }
        Set<String> later = namedLater.get(index);
        Set<String> now = later == null ? named.get() : intersection(named.get(), later);
        List<TableInfo> read = now.isEmpty() ? List.of() : store.tables(c, now);
        waiting.add(new Waiting(version, named, read, null));
    }

    /** Writes the waiting records, taking what was not read right after each version from {@code whole}. */
    private void settle(Connection c, SchemaSnapshot whole) throws SQLException {
        List<Waiting> settling = List.copyOf(waiting);
        waiting.clear();
        List<SnapshotStore.Record> records = new ArrayList<>();
        for (Waiting w : settling) {
            records.add(next(w.version, changeOf(w, whole)));
        }
        store.writeAll(c, records);
    }

    /** What version {@code w} changed, where {@code whole} is the schema of a later point no migration since named. */
    private SnapshotStore.Change changeOf(Waiting w, SchemaSnapshot whole) {
        if (w.wholeAfter != null) {
            return schema.to(w.wholeAfter);
        }
        if (w.named.isEmpty()) {
            return schema.to(whole);
        }
        Set<String> named = w.named.get();
        if (named.isEmpty()) {
            return SnapshotStore.Change.NONE;
        }
        Set<String> readAfter = new HashSet<>();
        List<TableInfo> tables = new ArrayList<>(w.readAfter);
        w.readAfter.forEach(t -> readAfter.add(t.name().toLowerCase(Locale.ROOT)));
        for (TableInfo t : whole.tables()) {
            String lower = t.name().toLowerCase(Locale.ROOT);
            if (named.contains(lower) && !readAfter.contains(lower)) {
                tables.add(t);
            }
        }
        return schema.reread(named, tables);
    }

    private void recordEnd(Connection c, int index, Version version) throws SQLException {
        SchemaSnapshot live = store.live(c);
        if (schema != null) {
            settle(c, live);
            schema.apply(changeOf(new Waiting(version, footprints.get(index), List.of(), null), live));
            // the carried schema holds every kind of object, every attribute: it must be the live one exactly
            if (!recorded.isEmpty() && !schema.snapshot().equals(live)) {
                LOG.warn("the schema carried through this run differs from the live one after version {}; the "
                        + "snapshots of versions {} are dropped (validation rehearses them instead)", version, recorded);
                store.delete(c, recorded);
            }
        }
        store.record(c, version, live);
    }

    /** The record of {@code version}, {@code change} applied to the carried schema: a delta on the one before. */
    private SnapshotStore.Record next(Version version, SnapshotStore.Change change) {
        schema.apply(change);
        String document = baseVersion == null ? SnapshotJson.write(schema.snapshot())
                : change.document(baseVersion, baseHash);
        String hash = SchemaSnapshot.hashOf(document);
        baseVersion = version;
        baseHash = hash;
        recorded.add(version);
        return new SnapshotStore.Record(version, hash, document);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> i = new HashSet<>(a);
        i.retainAll(b);
        return i;
    }
}
