package dev.migratemcp.migration;

import dev.migratemcp.dialect.DatabaseKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one migration file into a {@link Migration} for one kind of database.
 *
 * <p>The format: header directives, then sections. Every directive is a line starting at column 0 with
 * {@code -- migrate:}; any other {@code --} comment is just a comment.
 * <pre>
 * -- migrate:description Add the users table
 * -- migrate:depends_on 3 4
 * -- migrate:backup_required
 * -- migrate:no_transaction
 * -- migrate:up                      (generic: every database without a section of its own)
 * -- migrate:up dialect=postgresql   (wins over the generic section on PostgreSQL; dialect=a,b for several)
 * -- migrate:down transaction=false  (a section may opt out of the transaction by itself; dbmate's
 *                                     transaction:false is read the same)
 * -- migrate:down noop               (the down section is empty on purpose: reverting needs no SQL)
 * -- migrate:batch table=t key=id size=1000   (inside a section: run the next statement over key windows)
 * </pre>
 * Sections that do not apply to the target database are checked for form but not split, so a PostgreSQL-only
 * section cannot break a SQLite run. An up section without statements is a migration that changes nothing; a down
 * section without statements makes the migration irreversible unless it says {@code noop}, because an empty down
 * is far more often a revert nobody wrote than one that needs nothing.
 */
public final class MigrationFileParser {

    private static final Pattern DIRECTIVE = Pattern.compile("^-- migrate:([A-Za-z_\\-]*)(.*)$");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");
    private static final long MAX_BATCH_SIZE = 10_000_000L;
    private static final long DEFAULT_BATCH_SIZE = 1_000L;

    private final String fileName;
    private final DatabaseKind kind;
    private final List<FileProblem> problems = new ArrayList<>();

    private String description;
    private final List<Version> dependsOn = new ArrayList<>();
    private int dependsOnLine;
    private boolean backupRequired;
    private boolean noTransaction;
    private final List<Section> sections = new ArrayList<>();

    private MigrationFileParser(String fileName, DatabaseKind kind) {
        this.fileName = fileName;
        this.kind = kind;
    }

    /**
     * @param fileName the file's name (its version and default description come from it)
     * @param text     the file's content as read
     * @param kind     the database it will run on
     */
    public static Migration parse(String fileName, String text, DatabaseKind kind) throws MigrationFileException {
        return new MigrationFileParser(fileName, kind).run(text);
    }

    private Migration run(String rawText) throws MigrationFileException {
        String text = Checksums.normalise(rawText);
        MigrationFileName name = MigrationFileName.parse(fileName).orElse(null);
        if (name == null) {
            problem(0, "file name does not follow " + MigrationFileName.expectedPattern());
            throw new MigrationFileException(problems);
        }
        readLines(text);
        Section up = select(Direction.UP);
        Section down = select(Direction.DOWN);
        if (up == null && problems.isEmpty()) {
            problem(0, "no up section for " + kind.id() + " (add '-- migrate:up' or '-- migrate:up dialect="
                    + kind.id() + "')");
        }
        MigrationScript upScript = up == null ? null : script(up);
        MigrationScript downScript = down == null ? null : script(down);
        String emptyDown = null;
        if (downScript != null && downScript.statements().isEmpty() && !down.noop) {
            emptyDown = fileName + ":" + down.headerLine;
            downScript = null;
        }
        if (!problems.isEmpty()) {
            throw new MigrationFileException(problems);
        }
        String desc = description != null ? description : name.description();
        if (desc.isEmpty()) {
            desc = "migration " + name.version();
        }
        return new Migration(name.version(), desc, dependsOn, dependsOnLine, backupRequired, Checksums.sha256(text),
                fileName, upScript, downScript, emptyDown);
    }

    /**
     * Walks the text line by line without copying it: a section's body is the text between its header line and the
     * next section (directive lines inside it read as SQL comments to the splitter), so line numbers line up.
     */
    private void readLines(String text) {
        Section current = null;
        int lineNo = 0;
        for (int from = 0; from <= text.length(); ) {
            int newline = text.indexOf('\n', from);
            int to = newline < 0 ? text.length() : newline;
            lineNo++;
            Matcher m = text.startsWith("-- migrate:", from) ? DIRECTIVE.matcher(text.substring(from, to)) : null;
            if (m == null || !m.matches()) {
                if (current == null && !isBlankOrComment(text, from, to)) {
                    problem(lineNo, "SQL before the first '-- migrate:up' or '-- migrate:down' section");
                }
            } else {
                current = directive(m, lineNo, current, from);
            }
            if (newline < 0) {
                break;
            }
            from = newline + 1;
        }
        if (current != null) {
            current.close(text.length());
        }
        for (Section s : sections) {
            s.body = text.substring(s.bodyStart, s.bodyEnd);
        }
    }

    private static boolean isBlankOrComment(String text, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i == to || text.startsWith("--", i);
    }

    /** Handles one directive line; returns the section now open. */
    private Section directive(Matcher m, int lineNo, Section current, int lineStart) {
        String directive = m.group(1).toLowerCase(Locale.ROOT).replace('-', '_');
        String args = m.group(2).trim();
        switch (directive) {
            case "up", "down" -> {
                if (current != null) {
                    current.close(lineStart);
                }
                Section next = openSection(directive.equals("up") ? Direction.UP : Direction.DOWN, args, lineNo);
                next.bodyStart = lineStart + m.end(); // from the end of the header line: line 1 of the body is it
                sections.add(next);
                return next;
            }
            case "batch" -> {
                if (current == null) {
                    problem(lineNo, "'-- migrate:batch' must stand inside an up or down section");
                } else {
                    BatchSpec spec = parseBatch(args, lineNo);
                    if (spec != null) {
                        current.batches.put(lineNo, spec);
                    }
                }
            }
            case "description", "depends_on", "depends", "backup_required", "no_transaction" -> {
                if (current != null) {
                    problem(lineNo, "header directive '" + directive + "' after a section: move it to the top");
                } else {
                    header(directive, args, lineNo);
                }
            }
            default -> problem(lineNo, "unknown directive '-- migrate:" + m.group(1) + "' (known: up, down, "
                    + "description, depends_on, backup_required, no_transaction, batch)");
        }
        return current;
    }

    private void header(String directive, String args, int lineNo) {
        switch (directive) {
            case "description" -> {
                if (args.isEmpty()) {
                    problem(lineNo, "description is empty");
                } else if (description != null) {
                    problem(lineNo, "description given twice");
                } else {
                    description = args;
                }
            }
            case "depends_on", "depends" -> {
                dependsOnLine = lineNo;
                for (String token : args.split("[\\s,]+")) {
                    if (token.isEmpty()) {
                        continue;
                    }
                    try {
                        Version v = Version.parse(token);
                        if (!dependsOn.contains(v)) {
                            dependsOn.add(v);
                        }
                    } catch (IllegalArgumentException e) {
                        problem(lineNo, "depends_on expects versions: " + e.getMessage());
                    }
                }
                if (args.isBlank()) {
                    problem(lineNo, "depends_on lists no version");
                }
            }
            case "backup_required" -> backupRequired = flag(args, lineNo, directive);
            case "no_transaction" -> noTransaction = flag(args, lineNo, directive);
            default -> throw new IllegalStateException(directive);
        }
    }

    /** A flag directive may stand alone or say true/false explicitly. */
    private boolean flag(String args, int lineNo, String directive) {
        return switch (args.toLowerCase(Locale.ROOT)) {
            case "", "true", "yes" -> true;
            case "false", "no" -> false;
            default -> {
                problem(lineNo, directive + " takes no value, or true/false; got '" + args + "'");
                yield false;
            }
        };
    }

    private Section openSection(Direction direction, String args, int lineNo) {
        Section s = new Section(direction, lineNo);
        String options = args;
        if (args.matches("(?i)(.*\\s)?noop(\\s.*)?")) {
            options = args.replaceFirst("(?i)(^|\\s)noop(?=\\s|$)", " ").trim();
            if (direction == Direction.UP) {
                problem(lineNo, "'noop' applies to a down section (an up section without statements is already a "
                        + "migration that changes nothing)");
            }
            s.noop = true;
        }
        for (Map.Entry<String, String> e : keyValues(options, lineNo).entrySet()) {
            switch (e.getKey()) {
                case "dialect" -> {
                    for (String name : e.getValue().split(",")) {
                        DatabaseKind k = DatabaseKind.fromName(name).orElse(null);
                        if (k == null) {
                            problem(lineNo, "unknown dialect '" + name.trim() + "' (use sqlite, postgresql or mysql)");
                        } else {
                            s.dialects.add(k);
                        }
                    }
                }
                case "transaction" -> {
                    switch (e.getValue().toLowerCase(Locale.ROOT)) {
                        case "true" -> s.transactional = Boolean.TRUE;
                        case "false" -> s.transactional = Boolean.FALSE;
                        default -> problem(lineNo, "transaction must be true or false, got '" + e.getValue() + "'");
                    }
                }
                default -> problem(lineNo, "unknown section option '" + e.getKey() + "' (known: dialect, transaction, "
                        + "and noop on a down section)");
            }
        }
        return s;
    }

    private BatchSpec parseBatch(String args, int lineNo) {
        Map<String, String> kv = keyValues(args, lineNo);
        String table = kv.remove("table");
        String key = kv.remove("key");
        String sizeText = kv.remove("size");
        for (String unknown : kv.keySet()) {
            problem(lineNo, "unknown batch option '" + unknown + "' (known: table, key, size)");
        }
        if (table == null || key == null) {
            problem(lineNo, "batch needs table=<table> and key=<integer key column>");
            return null;
        }
        if (!IDENTIFIER.matcher(table).matches() || !IDENTIFIER.matcher(key).matches()) {
            problem(lineNo, "batch table and key must be plain identifiers");
            return null;
        }
        long size = DEFAULT_BATCH_SIZE;
        if (sizeText != null) {
            try {
                size = Long.parseLong(sizeText);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_BATCH_SIZE) {
                problem(lineNo, "batch size must be a whole number from 1 to " + MAX_BATCH_SIZE);
                return null;
            }
        }
        return new BatchSpec(table, key, size);
    }

    private Map<String, String> keyValues(String args, int lineNo) {
        Map<String, String> out = new LinkedHashMap<>();
        if (args.isBlank()) {
            return out;
        }
        for (String token : args.trim().split("\\s+")) {
            int eq = token.indexOf('=') > 0 ? token.indexOf('=') : token.indexOf(':'); // key:value is dbmate's
            if (eq <= 0 || eq == token.length() - 1) {
                problem(lineNo, "expected key=value, got '" + token + "'");
                continue;
            }
            out.put(token.substring(0, eq).toLowerCase(Locale.ROOT), token.substring(eq + 1));
        }
        return out;
    }

    /** The section for this database and direction: its own if it has one, else the generic one. */
    private Section select(Direction direction) {
        Section generic = null;
        Section specific = null;
        for (Section s : sections) {
            if (s.direction != direction) {
                continue;
            }
            if (s.dialects.isEmpty()) {
                if (generic != null) {
                    problem(s.headerLine, "a second generic " + direction.id() + " section (first at line "
                            + generic.headerLine + ")");
                }
                generic = s;
            } else if (s.dialects.contains(kind)) {
                if (specific != null) {
                    problem(s.headerLine, "a second " + direction.id() + " section for " + kind.id()
                            + " (first at line " + specific.headerLine + ")");
                }
                specific = s;
            }
        }
        return specific != null ? specific : generic;
    }

    private MigrationScript script(Section section) {
        int bodyFirstLine = section.headerLine; // the body starts at the end of the header line
        List<SqlStatement> split;
        try {
            split = SqlSplitter.split(section.body, kind);
        } catch (SqlSplitException e) {
            problem(bodyFirstLine + e.line() - 1, e.getMessage());
            return null;
        }
        List<MigrationStatement> statements = new ArrayList<>();
        List<Integer> batchLines = new ArrayList<>(section.batches.keySet());
        int nextBatch = 0;
        for (SqlStatement st : split) {
            int line = bodyFirstLine + st.line() - 1;
            BatchSpec batch = null;
            // a batch directive belongs to the first statement that starts after it
            if (nextBatch < batchLines.size() && batchLines.get(nextBatch) < line) {
                batch = section.batches.get(batchLines.get(nextBatch));
                nextBatch++;
                if (nextBatch < batchLines.size() && batchLines.get(nextBatch) < line) {
                    problem(batchLines.get(nextBatch), "two batch directives before one statement");
                    nextBatch++;
                }
            }
            checkPlaceholders(st.sql(), batch, line);
            statements.add(new MigrationStatement(st.sql(), line, batch));
        }
        for (int i = nextBatch; i < batchLines.size(); i++) {
            problem(batchLines.get(i), "batch directive is not followed by a statement");
        }
        if (section.noop && !statements.isEmpty()) {
            problem(section.headerLine, "the down section says noop but holds statements: remove one or the other");
        }
        // the author's word first; else a statement the database refuses inside a transaction takes the script out
        boolean transactional = section.transactional != null ? section.transactional
                : !noTransaction && !NonTransactionalStatements.anyIn(statements, kind);
        return new MigrationScript(section.direction, transactional, statements, fileName);
    }

    private void checkPlaceholders(String sql, BatchSpec batch, int line) {
        boolean hasFrom = sql.contains(BatchSpec.FROM_PLACEHOLDER);
        boolean hasTo = sql.contains(BatchSpec.TO_PLACEHOLDER);
        if (batch != null && !(hasFrom && hasTo)) {
            problem(line, "a batched statement must bound its key with " + BatchSpec.FROM_PLACEHOLDER + " and "
                    + BatchSpec.TO_PLACEHOLDER + " (e.g. WHERE " + batch.keyColumn() + " >= :batch_from AND "
                    + batch.keyColumn() + " < :batch_to)");
        } else if (batch == null && (hasFrom || hasTo)) {
            problem(line, "statement uses :batch_from/:batch_to but has no '-- migrate:batch' directive before it");
        }
    }

    private void problem(int line, String message) {
        problems.add(new FileProblem(fileName, line, message));
    }

    /** A section as read, before splitting. */
    private static final class Section {
        final Direction direction;
        final int headerLine;
        final Set<DatabaseKind> dialects = EnumSet.noneOf(DatabaseKind.class);
        Boolean transactional;
        boolean noop;
        int bodyStart;
        int bodyEnd = -1;
        String body;
        final Map<Integer, BatchSpec> batches = new LinkedHashMap<>();

        Section(Direction direction, int headerLine) {
            this.direction = direction;
            this.headerLine = headerLine;
        }

        void close(int end) {
            if (bodyEnd < 0) {
                bodyEnd = end;
            }
        }
    }
}
