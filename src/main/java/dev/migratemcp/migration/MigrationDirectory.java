package dev.migratemcp.migration;

import dev.migratemcp.dialect.DatabaseKind;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the migration files in a folder and checks them as a set: names, duplicate versions, dependencies on
 * versions that do not exist, and dependency cycles. Every problem is collected before failing, so one run shows
 * them all.
 */
public final class MigrationDirectory {

    private MigrationDirectory() {
    }

    public static MigrationCatalog load(Path dir, DatabaseKind kind) throws MigrationFileException, IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "migrations folder not found");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> Files.isRegularFile(p) && MigrationFileName.looksLikeMigration(
                    p.getFileName().toString())).sorted().toList();
        }
        List<FileProblem> problems = new ArrayList<>();
        List<Migration> migrations = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                migrations.add(MigrationFileParser.parse(name, read(file), kind));
            } catch (MigrationFileException e) {
                problems.addAll(e.problems());
            } catch (CharacterCodingException e) {
                problems.add(new FileProblem(name, 0, "not valid UTF-8 text"));
            }
        }
        return check(migrations, problems);
    }

    /** Checks a set of parsed migrations; public so that callers can vet a set that includes a file not yet saved. */
    public static MigrationCatalog check(List<Migration> migrations, List<FileProblem> earlier)
            throws MigrationFileException {
        List<FileProblem> problems = new ArrayList<>(earlier);
        Map<Long, Migration> byVersion = new LinkedHashMap<>();
        for (Migration m : migrations) {
            Migration first = byVersion.putIfAbsent(m.version(), m);
            if (first != null) {
                problems.add(new FileProblem(m.fileName(), 0, "duplicate version " + m.version()
                        + " (also in " + first.fileName() + ")"));
            }
        }
        for (Migration m : byVersion.values()) {
            for (long dep : m.dependsOn()) {
                if (dep == m.version()) {
                    problems.add(new FileProblem(m.fileName(), m.dependsOnLine(), "depends on itself"));
                } else if (!byVersion.containsKey(dep)) {
                    problems.add(new FileProblem(m.fileName(), m.dependsOnLine(), "depends on version " + dep
                            + ", which has no migration file"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new MigrationFileException(problems);
        }
        return new MigrationCatalog(runOrder(byVersion));
    }

    /** Kahn's algorithm, always taking the lowest ready version, so the order is plain version order where it can be. */
    private static List<Migration> runOrder(Map<Long, Migration> byVersion) throws MigrationFileException {
        Map<Long, Integer> waitingOn = new HashMap<>();
        Map<Long, List<Long>> dependants = new HashMap<>();
        for (Migration m : byVersion.values()) {
            waitingOn.put(m.version(), m.dependsOn().size());
            for (long dep : m.dependsOn()) {
                dependants.computeIfAbsent(dep, k -> new ArrayList<>()).add(m.version());
            }
        }
        PriorityQueue<Long> ready = new PriorityQueue<>();
        waitingOn.forEach((v, n) -> {
            if (n == 0) {
                ready.add(v);
            }
        });
        List<Migration> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            long v = ready.poll();
            order.add(byVersion.get(v));
            for (long d : dependants.getOrDefault(v, List.of())) {
                if (waitingOn.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        if (order.size() < byVersion.size()) {
            Set<Long> stuck = new HashSet<>(byVersion.keySet());
            order.forEach(m -> stuck.remove(m.version()));
            List<Long> cycle = findCycle(byVersion, stuck);
            Migration first = byVersion.get(cycle.get(0));
            throw new MigrationFileException(List.of(new FileProblem(first.fileName(), first.dependsOnLine(),
                    "dependency cycle: " + String.join(" -> ", cycle.stream().map(String::valueOf).toList()))));
        }
        return order;
    }

    /** Walks dependencies among the stuck versions until one repeats: that loop is the cycle to report. */
    private static List<Long> findCycle(Map<Long, Migration> byVersion, Set<Long> stuck) {
        long start = stuck.stream().min(Comparator.naturalOrder()).orElseThrow();
        List<Long> path = new ArrayList<>();
        long current = start;
        while (!path.contains(current)) {
            path.add(current);
            current = byVersion.get(current).dependsOn().stream().filter(stuck::contains)
                    .min(Comparator.naturalOrder()).orElseThrow();
        }
        List<Long> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
        cycle.add(current);
        return cycle;
    }

    private static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }
}
