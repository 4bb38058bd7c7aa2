package dev.migratemcp.migration;

import dev.migratemcp.dialect.DatabaseKind;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the migration files in a folder and checks them as a set: names, duplicate versions, dependencies on
 * versions that do not exist, and dependency cycles. Every problem is collected before failing, so one run shows
 * them all.
 *
 * <p>How a folder's entries are judged:
 * <ul>
 *   <li>a name of one of the layouts (ours and dbmate's {@code 0001_name.sql}, golang-migrate's, Flyway's) is a
 *       migration: it must be a regular file (or a link to one); a folder, a FIFO, a dangling or looping link by
 *       such a name is refused, never skipped, since skipping it would run the versions around it without it;</li>
 *   <li>where our format is in use (some file has a {@code -- migrate:} section, or there are no golang-migrate or
 *       Flyway files at all) every {@code .sql} file must be a good migration, so a malformed one is refused;</li>
 *   <li>in a folder of golang-migrate or Flyway files, a {@code .sql} file that is none of theirs (such as
 *       {@code 2_add_c_up.sql}) is ignored with a warning, as those tools ignore it;</li>
 *   <li>anything else (a README, {@code notes.txt}, a folder) is ignored with a warning; hidden entries
 *       ({@code .gitkeep}) and a Flyway script's own {@code .conf} pass without one.</li>
 * </ul>
 */
public final class MigrationDirectory {

    private static final Pattern DIRECTIVE_LINE = Pattern.compile("(?m)^-- migrate:");

    private MigrationDirectory() {
    }

    public static MigrationCatalog load(Path dir, DatabaseKind kind) throws MigrationFileException, IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "migrations folder not found");
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        List<FileProblem> problems = new ArrayList<>();
        List<FileProblem> ignored = new ArrayList<>();
        Map<Path, String> ownFiles = new LinkedHashMap<>();
        List<Path> strays = new ArrayList<>();
        Map<Version, Halves> paired = new TreeMap<>();
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            try {
                Optional<PairedFileLayout.Name> half = PairedFileLayout.parseName(name);
                boolean own = half.isEmpty() && MigrationFileName.match(name).isPresent();
                if (half.isEmpty() && !own) {
                    strayOrIgnored(entry, strays, ignored);
                    continue;
                }
                String notAFile = notARegularFile(entry);
                if (notAFile != null) {
                    problems.add(new FileProblem(name, 0, notAFile + ", not a migration file: remove or rename it"));
                } else if (half.isPresent()) {
                    paired.computeIfAbsent(half.get().version(), v -> new Halves()).add(half.get(), entry);
                } else {
                    ownFiles.put(entry, read(entry));
                }
            } catch (MigrationFileException e) {
                problems.addAll(e.problems());
            } catch (CharacterCodingException e) {
                problems.add(new FileProblem(name, 0, "not valid UTF-8 text"));
            }
        }
        boolean ownFormatInUse = paired.isEmpty()
                || ownFiles.values().stream().anyMatch(text -> DIRECTIVE_LINE.matcher(text).find());
        List<Migration> migrations = new ArrayList<>();
        for (Map.Entry<Path, String> file : ownFiles.entrySet()) {
            String name = file.getKey().getFileName().toString();
            if (!ownFormatInUse) {
                ignored.add(new FileProblem(name, 0, "ignored: not a golang-migrate or Flyway migration name, and "
                        + "without a '-- migrate:up' section not one of our own (or dbmate's) format either"));
                continue;
            }
            try {
                migrations.add(MigrationFileParser.parse(name, file.getValue(), kind));
            } catch (MigrationFileException e) {
                problems.addAll(e.problems());
            }
        }
        for (Path stray : strays) {
            String name = stray.getFileName().toString();
            if (ownFormatInUse) {
                problems.add(new FileProblem(name, 0, "file name does not follow "
                        + MigrationFileName.expectedPattern()));
            } else {
                ignored.add(new FileProblem(name, 0, "ignored: not a golang-migrate or Flyway migration name"));
            }
        }
        for (Halves halves : paired.values()) {
            try {
                migrations.add(halves.migration(kind));
            } catch (MigrationFileException e) {
                problems.addAll(e.problems());
            }
        }
        return check(migrations, problems).withIgnored(ignored);
    }

    /**
     * Sorts an entry whose name is no migration's: a {@code .sql} file is a stray, judged once the folder's format
     * is known; a Flyway script's own {@code .conf} is read with its script; anything else is ignored.
     */
    private static void strayOrIgnored(Path entry, List<Path> strays, List<FileProblem> ignored) {
        String name = entry.getFileName().toString();
        if (name.endsWith(".sql.conf")) {
            Path script = entry.resolveSibling(name.substring(0, name.length() - ".conf".length()));
            if (!Files.exists(script, LinkOption.NOFOLLOW_LINKS)) {
                ignored.add(new FileProblem(name, 0, "ignored: a script configuration without its script "
                        + script.getFileName()));
            }
        } else if (name.endsWith(".sql")) {
            strays.add(entry);
        } else if (Files.isDirectory(entry)) {
            ignored.add(new FileProblem(name, 0, "ignored: a folder (migrations are read from this folder only, "
                    + "not from the folders inside it)"));
        } else {
            ignored.add(new FileProblem(name, 0, "ignored: not a migration file (migration files end in .sql)"));
        }
    }

    /**
     * What the entry is when it is not a regular file (or a link to one), else null. Asked before the entry is
     * opened, so a FIFO is never read (reading one would wait for a writer forever).
     */
    private static String notARegularFile(Path entry) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
            if (attributes.isRegularFile()) {
                return null;
            }
            return attributes.isDirectory() ? "a folder" : "a FIFO, socket or device";
        } catch (IOException e) {
            return Files.isSymbolicLink(entry) ? "a symbolic link whose target is missing or that loops"
                    : "an entry that cannot be read (" + e.getMessage() + ")";
        }
    }

    /** The up and down files found for one version in a layout that keeps them apart. */
    private static final class Halves {
        PairedFileLayout.Name name;
        final List<Path> ups = new ArrayList<>();
        final List<Path> downs = new ArrayList<>();

        void add(PairedFileLayout.Name half, Path file) {
            if (half.direction() == Direction.UP) {
                name = half;
                ups.add(file);
            } else {
                downs.add(file);
            }
        }

        /** The migration the files make; throws with every problem found. */
        Migration migration(DatabaseKind kind) throws MigrationFileException, IOException {
            List<FileProblem> problems = new ArrayList<>();
            if (ups.isEmpty()) {
                for (Path down : downs) {
                    problems.add(new FileProblem(down.getFileName().toString(), 0, "a down file without its up file"));
                }
            }
            if (ups.size() > 1) {
                problems.add(new FileProblem(ups.get(1).getFileName().toString(), 0, "duplicate version "
                        + name.version() + " (also in " + ups.get(0).getFileName() + ")"));
            }
            if (downs.size() > 1) {
                problems.add(new FileProblem(downs.get(1).getFileName().toString(), 0, "a second down file for "
                        + "version " + name.version() + " (also " + downs.get(0).getFileName() + ")"));
            }
            if (!problems.isEmpty()) {
                throw new MigrationFileException(problems);
            }
            Path down = downs.isEmpty() ? null : downs.get(0);
            return PairedFileLayout.migration(name, source(ups.get(0)), down == null ? null : source(down), kind);
        }

        private static PairedFileLayout.SourceFile source(Path file) throws IOException, MigrationFileException {
            String name = file.getFileName().toString();
            Path conf = file.resolveSibling(name + ".conf");
            try {
                Map<String, String> settings = Files.isRegularFile(conf)
                        ? PairedFileLayout.readSettings(conf.getFileName().toString(), read(conf)) : Map.of();
                return new PairedFileLayout.SourceFile(name, read(file), settings);
            } catch (CharacterCodingException e) {
                throw new MigrationFileException(List.of(new FileProblem(name, 0, "not valid UTF-8 text")));
            }
        }
    }

    /** Checks a set of parsed migrations; public so that callers can vet a set that includes a file not yet saved. */
    public static MigrationCatalog check(List<Migration> migrations, List<FileProblem> earlier)
            throws MigrationFileException {
        List<FileProblem> problems = new ArrayList<>(earlier);
        Map<Version, Migration> byVersion = new LinkedHashMap<>();
        for (Migration m : migrations) {
            Migration first = byVersion.putIfAbsent(m.version(), m);
            if (first != null) {
                problems.add(new FileProblem(m.fileName(), 0, "duplicate version " + m.version()
                        + " (also in " + first.fileName() + ")"));
            }
        }
        for (Migration m : byVersion.values()) {
            for (Version dep : m.dependsOn()) {
                if (dep.equals(m.version())) {
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
    private static List<Migration> runOrder(Map<Version, Migration> byVersion) throws MigrationFileException {
        Map<Version, Integer> waitingOn = new HashMap<>();
        Map<Version, List<Version>> dependants = new HashMap<>();
        for (Migration m : byVersion.values()) {
            waitingOn.put(m.version(), m.dependsOn().size());
            for (Version dep : m.dependsOn()) {
                dependants.computeIfAbsent(dep, k -> new ArrayList<>()).add(m.version());
            }
        }
        PriorityQueue<Version> ready = new PriorityQueue<>();
        waitingOn.forEach((v, n) -> {
            if (n == 0) {
                ready.add(v);
            }
        });
        List<Migration> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            Version v = ready.poll();
            order.add(byVersion.get(v));
            for (Version d : dependants.getOrDefault(v, List.of())) {
                if (waitingOn.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        if (order.size() < byVersion.size()) {
            Set<Version> stuck = new HashSet<>(byVersion.keySet());
            order.forEach(m -> stuck.remove(m.version()));
            List<Version> cycle = findCycle(byVersion, stuck);
            Migration first = byVersion.get(cycle.get(0));
            throw new MigrationFileException(List.of(new FileProblem(first.fileName(), first.dependsOnLine(),
                    "dependency cycle: " + String.join(" -> ", cycle.stream().map(String::valueOf).toList()))));
        }
        return order;
    }

    /** Walks dependencies among the stuck versions until one repeats: that loop is the cycle to report. */
    private static List<Version> findCycle(Map<Version, Migration> byVersion, Set<Version> stuck) {
        Version start = stuck.stream().min(Comparator.naturalOrder()).orElseThrow();
        List<Version> path = new ArrayList<>();
        Version current = start;
        while (!path.contains(current)) {
            path.add(current);
            current = byVersion.get(current).dependsOn().stream().filter(stuck::contains)
                    .min(Comparator.naturalOrder()).orElseThrow();
        }
        List<Version> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
        cycle.add(current);
        return cycle;
    }

    private static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }
}
