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
import java.util.Arrays;
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

    /** How many files a folder holds before they are parsed on every core (see {@link #inParallel}). */
    private static final int PARALLEL_FROM = 64;
    private static final Pattern DIRECTIVE_LINE = Pattern.compile("(?m)^-- migrate:");

    private MigrationDirectory() {
    }

    public static MigrationCatalog load(Path dir, DatabaseKind kind) throws MigrationFileException, IOException {
        return load(dir, kind, null, Placeholders.DatabaseFacts.NONE);
    }

    /**
     * The migrations of a folder or, with a Flyway configuration, of its locations (each searched with the folders
     * inside it, as Flyway does); {@code facts} answers the placeholders only the database can.
     *
     * @param flyway the project's Flyway configuration; null when it has none (the folder alone is read, not the
     *               folders inside it, and Flyway scripts are read by Flyway's defaults)
     */
    public static MigrationCatalog load(Path dir, DatabaseKind kind, FlywaySettings flyway,
                                        Placeholders.DatabaseFacts facts) throws MigrationFileException, IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "migrations folder not found");
        }
        FlywaySettings rules = flyway != null ? flyway : FlywaySettings.defaults(dir);
        FlywayNames flywayNames = new FlywayNames(rules);
        Placeholders placeholders = new Placeholders(rules, facts);
        List<FileProblem> problems = new ArrayList<>();
        List<FileProblem> ignored = new ArrayList<>();
        Map<String, Path> entries = entries(dir, flyway, problems);
        Map<Path, String> ownFiles = new LinkedHashMap<>();
        Map<Path, String> names = new HashMap<>();
        List<Path> strays = new ArrayList<>();
        Map<Version, Halves> paired = new TreeMap<>();
        Map<String, FlywayNames.Name> repeatables = new TreeMap<>();
        Map<String, Path> repeatableFiles = new HashMap<>();
        for (Map.Entry<String, Path> item : entries.entrySet()) {
            String name = item.getKey();
            Path entry = item.getValue();
            names.put(entry, name);
            String base = entry.getFileName().toString();
            try {
                Optional<FlywayNames.Name> flywayName = flywayNames.parse(base);
                if (flywayName.isPresent() && flywayName.get().kind() == FlywayNames.Kind.REPEATABLE) {
                    String notAFile = notARegularFile(entry);
                    if (notAFile != null) {
                        problems.add(new FileProblem(name, 0, notAFile + ", not a migration file: remove or "
                                + "rename it"));
                    } else {
                        repeatables.put(name, flywayName.get());
                        repeatableFiles.put(name, entry);
                    }
                    continue;
                }
                Optional<PairedFileLayout.Name> half = PairedFileLayout.parseName(base, flywayName);
                boolean own = half.isEmpty() && MigrationFileName.match(base).isPresent();
                if (half.isEmpty() && !own) {
                    strayOrIgnored(entry, name, flywayNames, strays, ignored, flyway != null);
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
                problems.addAll(rename(e.problems(), base, name));
            } catch (CharacterCodingException e) {
                problems.add(new FileProblem(name, 0, "not valid UTF-8 text"));
            }
        }
        boolean ownFormatInUse = paired.isEmpty() && repeatables.isEmpty()
                || ownFiles.values().stream().anyMatch(text -> DIRECTIVE_LINE.matcher(text).find());
        List<Migration> migrations = new ArrayList<>();
        List<Map.Entry<Path, String>> own = new ArrayList<>();
        for (Map.Entry<Path, String> file : ownFiles.entrySet()) {
            if (ownFormatInUse) {
                own.add(file);
            } else {
                ignored.add(new FileProblem(names.get(file.getKey()), 0, "ignored: not a golang-migrate or Flyway "
                        + "migration name, and without a '-- migrate:up' section not one of our own (or dbmate's) "
                        + "format either"));
            }
        }
        for (Object result : inParallel(own, file -> {
            String name = names.get(file.getKey());
            String text = file.getValue();
            return ParsedFiles.parse(name, List.of(text, kind), () -> MigrationFileParser.parse(name, text, kind));
        })) {
            if (result instanceof MigrationFileException e) {
                problems.addAll(e.problems());
            } else {
                migrations.add((Migration) result);
            }
        }
        for (Path stray : strays) {
            String name = names.get(stray);
            // a project with a Flyway configuration names its files by Flyway's rules, and Flyway passes over the
            // rest (its callbacks among them), even beside files of ours
            if (ownFormatInUse && flyway == null) {
                problems.add(new FileProblem(name, 0, "file name does not follow "
                        + MigrationFileName.expectedPattern()));
            } else {
                ignored.add(new FileProblem(name, 0, "ignored: not a golang-migrate or Flyway migration name"));
            }
        }
        Map<String, Integer> flywayChecksums = new HashMap<>();
        List<Halves> versions = new ArrayList<>(paired.values());
        List<Object> parsed = inParallel(versions,
                halves -> halves.migration(kind, names, flywayNames, placeholders, rules));
        for (int i = 0; i < parsed.size(); i++) {
            if (parsed.get(i) instanceof MigrationFileException e) {
                problems.addAll(e.problems());
            } else {
                Migration m = (Migration) parsed.get(i);
                migrations.add(m);
                if (versions.get(i).flywayChecksum != null) {
                    flywayChecksums.put(m.fileName(), versions.get(i).flywayChecksum);
                }
            }
        }
        List<RepeatableMigration> repeatableList = new ArrayList<>();
        Map<String, String> byDescription = new HashMap<>();
        for (Map.Entry<String, FlywayNames.Name> r : repeatables.entrySet()) {
            try {
                RepeatableMigration m = RepeatableScripts.read(r.getKey(), r.getValue(),
                        repeatableFiles.get(r.getKey()), kind, placeholders, rules);
                String first = byDescription.putIfAbsent(m.description().toLowerCase(java.util.Locale.ROOT),
                        m.fileName());
                if (first != null) {
                    problems.add(new FileProblem(m.fileName(), 0, "a second repeatable script with the description '"
                            + m.description() + "' (also " + first + "): Flyway tells repeatables apart by it"));
                } else {
                    repeatableList.add(m);
                }
            } catch (MigrationFileException e) {
                problems.addAll(e.problems());
            }
        }
        Map<String, Path> paths = new HashMap<>();
        if (flyway != null) {
            entries.forEach(paths::put);
        }
        return check(migrations, problems).withIgnored(ignored)
                .withFlyway(new MigrationCatalog.FlywayPart(flyway, flywayChecksums, repeatableList, paths));
    }

    /**
     * The entries to judge, by the name they are shown with: the folder's own entries or, with a Flyway
     * configuration, every file in its locations and the folders inside them, each named by its path inside its
     * location. Hidden entries ({@code .gitkeep}, {@code .git}) are passed over, and so is the configuration file.
     */
    private static Map<String, Path> entries(Path dir, FlywaySettings flyway, List<FileProblem> problems)
            throws IOException {
        Map<String, Path> entries = new TreeMap<>();
        if (flyway == null) {
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                        .forEach(p -> entries.put(p.getFileName().toString(), p));
            }
            return entries;
        }
        Path config = flyway.file() == null ? null : flyway.file().toAbsolutePath().normalize();
        for (Path location : flyway.locations()) {
            if (!Files.isDirectory(location)) {
                problems.add(new FileProblem(String.valueOf(flyway.file().getFileName()), 0, "location "
                        + location + " is not a folder"));
                continue;
            }
            try (Stream<Path> walk = Files.walk(location)) {
                for (Path p : walk.sorted().toList()) {
                    Path relative = location.relativize(p);
                    if (p.equals(location) || hidden(relative) || Files.isDirectory(p)
                            || p.toAbsolutePath().normalize().equals(config)) {
                        continue;
                    }
                    String name = relative.toString().replace('\\', '/');
                    Path first = entries.putIfAbsent(name, p);
                    if (first != null && !first.toAbsolutePath().normalize().equals(p.toAbsolutePath().normalize())) {
                        problems.add(new FileProblem(name, 0, "in two locations (" + first + " and " + p
                                + "): Flyway reads each script once by its path inside its location"));
                    }
                }
            }
        }
        return entries;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Problems about a file named by its base name, told by the name it is shown with. */
    private static List<FileProblem> rename(List<FileProblem> problems, String base, String name) {
        return problems.stream().map(p -> p.file().equals(base) ? new FileProblem(name, p.line(), p.message()) : p)
                .toList();
    }

    /**
     * Sorts an entry whose name is no migration's: a {@code .sql} file is a stray, judged once the folder's format
     * is known; a Flyway script's own {@code .conf} is read with its script; anything else is ignored.
     */
    /** How one file becomes a migration; it depends on no other file. */
    @FunctionalInterface
    private interface FileParse<T> {
        Migration parse(T file) throws MigrationFileException, IOException;
    }

    /**
     * Each file's migration, or the {@link MigrationFileException} that refused it, in the order given. Files are
     * parsed on every core: a folder of thousands is read by every command (status over 10,000 files waited on this
     * alone). An I/O or unexpected error is thrown as it is.
     */
    private static <T> List<Object> inParallel(List<T> files, FileParse<T> parse) throws IOException {
        Object[] results = new Object[files.size()];
        java.util.stream.IntStream indexes = java.util.stream.IntStream.range(0, files.size());
        // a few dozen files parse in well under a millisecond, less than waking the common pool's threads costs
        (files.size() < PARALLEL_FROM ? indexes : indexes.parallel()).forEach(i -> {
            try {
                results[i] = parse.parse(files.get(i));
            } catch (MigrationFileException | IOException | RuntimeException e) {
                results[i] = e;
            }
        });
        for (Object result : results) {
            if (result instanceof IOException e) {
                throw e;
            }
            if (result instanceof RuntimeException e) {
                throw e;
            }
        }
        return Arrays.asList(results);
    }

    private static void strayOrIgnored(Path entry, String name, FlywayNames flywayNames, List<Path> strays,
                                       List<FileProblem> ignored, boolean recursive) {
        String base = entry.getFileName().toString();
        if (base.endsWith(".conf") && flywayNames.suffixOf(base.substring(0, base.length() - ".conf".length()))
                != null) {
            Path script = entry.resolveSibling(base.substring(0, base.length() - ".conf".length()));
            if (!Files.exists(script, LinkOption.NOFOLLOW_LINKS)) {
                ignored.add(new FileProblem(name, 0, "ignored: a script configuration without its script "
                        + script.getFileName()));
            }
        } else if (base.endsWith(".sql") || flywayNames.suffixOf(base) != null) {
            strays.add(entry);
        } else if (Files.isDirectory(entry)) {
            ignored.add(new FileProblem(name, 0, "ignored: a folder (migrations are read from this folder only, "
                    + "not from the folders inside it, unless a flyway.conf or flyway.toml says where)"));
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
        /** Flyway's checksum of a versioned script, as its history records it; null for golang-migrate's files. */
        Integer flywayChecksum;

        void add(PairedFileLayout.Name half, Path file) {
            if (half.direction() == Direction.UP) {
                name = half;
                ups.add(file);
            } else {
                downs.add(file);
            }
        }

        /** The migration the files make; throws with every problem found. */
        Migration migration(DatabaseKind kind, Map<Path, String> names, FlywayNames flywayNames,
                            Placeholders placeholders, FlywaySettings rules) throws MigrationFileException, IOException {
            List<FileProblem> problems = new ArrayList<>();
            if (ups.isEmpty()) {
                for (Path down : downs) {
                    problems.add(new FileProblem(names.get(down), 0, "a down file without its up file"));
                }
            }
            if (ups.size() > 1) {
                problems.add(new FileProblem(names.get(ups.get(1)), 0, "duplicate version "
                        + name.version() + " (also in " + names.get(ups.get(0)) + ")"));
            }
            if (downs.size() > 1) {
                problems.add(new FileProblem(names.get(downs.get(1)), 0, "a second down file for "
                        + "version " + name.version() + " (also " + names.get(downs.get(0)) + ")"));
            }
            if (!problems.isEmpty()) {
                throw new MigrationFileException(problems);
            }
            Path down = downs.isEmpty() ? null : downs.get(0);
            PairedFileLayout.SourceFile up = source(ups.get(0), names, flywayNames, placeholders, rules);
            if (name.flyway()) {
                flywayChecksum = FlywayChecksum.of(up.raw());
            }
            PairedFileLayout.SourceFile downFile = down == null ? null
                    : source(down, names, flywayNames, placeholders, rules);
            java.util.List<Object> inputs = java.util.Arrays.asList(name, up, downFile, kind);
            return ParsedFiles.parse(up.name(), inputs, () -> PairedFileLayout.migration(name, up, downFile, kind));
        }

        private static PairedFileLayout.SourceFile source(Path file, Map<Path, String> names,
                                                          FlywayNames flywayNames, Placeholders placeholders,
                                                          FlywaySettings rules)
                throws IOException, MigrationFileException {
            String name = names.get(file);
            try {
                // a .conf the listing did not see is not there: asking the file system again for each of 10,000
                // scripts was a tenth of the catalog thread's time in a status over them
                Map<String, String> settings = names.containsKey(confOf(file)) ? scriptSettings(file, name) : Map.of();
                String raw = read(file);
                boolean flyway = flywayNames.parse(file.getFileName().toString()).isPresent();
                String text = flyway && replacesPlaceholders(rules, settings)
                        ? placeholders.replace(name, Checksums.normalise(raw)) : raw;
                return new PairedFileLayout.SourceFile(name, text, settings, raw);
            } catch (CharacterCodingException e) {
                throw new MigrationFileException(List.of(new FileProblem(name, 0, "not valid UTF-8 text")));
            }
        }
    }

    /** A Flyway script's own settings, from the {@code .conf} beside it; none when it has none. */
    static Map<String, String> scriptSettings(Path file, String name) throws IOException, MigrationFileException {
        Path conf = confOf(file);
        try {
            return Files.isRegularFile(conf) ? PairedFileLayout.readSettings(name + ".conf", read(conf)) : Map.of();
        } catch (CharacterCodingException e) {
            throw new MigrationFileException(List.of(new FileProblem(name + ".conf", 0, "not valid UTF-8 text")));
        }
    }

    private static Path confOf(Path script) {
        return script.resolveSibling(script.getFileName() + ".conf");
    }

    /** Whether a script's placeholders are replaced: the project's setting, unless the script's own says. */
    static boolean replacesPlaceholders(FlywaySettings rules, Map<String, String> scriptSettings) {
        String own = scriptSettings.get("placeholderReplacement");
        return own != null ? !own.equalsIgnoreCase("false") : rules.placeholderReplacement();
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

    /**
     * A file's text, refused ({@link CharacterCodingException}) unless it is valid UTF-8. Every command and tool call
     * reads every file, so the common case is made cheap: {@code new String} decodes ASCII and UTF-8 text far faster
     * than a strict decoder (a fifth of a warm {@code get_current_version} went to the strict one), and it stands
     * U+FFFD in for whatever is malformed, so only a text holding U+FFFD is decoded again, strictly, to tell a
     * malformed file from one holding that character itself.
     */
    static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }
}
