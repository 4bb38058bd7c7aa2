package dev.migratemcp.backup;

import dev.migratemcp.json.Json;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Our own dump format, for servers whose dump tools are not at hand: gzip-compressed JSON lines. A header line,
 * for PostgreSQL the roles the dump refers to ({@code {"roles": [...]}}, which replaying skips), then in order:
 * statements to run ({@code {"sql": ...}}), table data ({@code {"rows": table, "columns": [...]}} followed by one
 * JSON array per row and {@code {"end": "rows"}}), and statements to run after the data (foreign keys, views,
 * sequence positions). Values are the database's own text for each value, bytes as base64, so dates, decimals
 * and unicode come back exactly; rows are streamed both ways, so memory stays flat however big the tables are.
 */
final class LogicalDump {

    static final String FORMAT = "migrate-mcp-logical-dump";
    private static final int BATCH = 500;
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes a dump, entry by entry. */
    static final class Writer implements AutoCloseable {
        private final java.io.Writer out;
        private final Map<String, Long> written = new LinkedHashMap<>();

        Writer(Path file, String kind) throws IOException {
            this.out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file),
                    1 << 16), StandardCharsets.UTF_8), 1 << 16);
            line(g -> {
                g.writeStartObject();
                g.writeStringProperty("format", FORMAT);
                g.writeNumberProperty("version", 1);
                g.writeStringProperty("kind", kind);
                g.writeEndObject();
            });
        }

        /**
         * The roles the dump refers to (owners, grantees), written right after the header so that a restore reads
         * them without reading the dump; replaying skips the entry.
         */
        void roles(List<String> roles) throws IOException {
            line(g -> {
                g.writeStartObject();
                g.writeArrayPropertyStart("roles");
                for (String role : roles) {
                    g.writeString(role);
                }
                g.writeEndArray();
                g.writeEndObject();
            });
        }

        void sql(String statement) throws IOException {
            line(g -> {
                g.writeStartObject();
                g.writeStringProperty("sql", statement);
                g.writeEndObject();
            });
        }

        /** Rows written so far, per table. */
        Map<String, Long> rowsWritten() {
            return Map.copyOf(written);
        }

        /**
         * Streams every row of the query's result as the data of {@code table}: the result's columns are
         * {@code columns}, in order, each read as text or as bytes as the column says.
         */
        void rows(String table, List<Column> columns, ResultSet rs) throws IOException, SQLException {
            int n = columns.size();
            if (rs.getMetaData().getColumnCount() != n) {
                throw new SQLException("the query for " + table + " returns " + rs.getMetaData().getColumnCount()
                        + " columns, not " + n);
            }
            line(g -> {
                g.writeStartObject();
                g.writeStringProperty("rows", table);
                g.writeName("columns");
                g.writeStartArray();
                for (Column c : columns) {
                    g.writeString(c.name());
                }
                g.writeEndArray();
                g.writeEndObject();
            });
            while (rs.next()) {
                StringWriter row = new StringWriter();
                try (JsonGenerator g = FACTORY.createGenerator(row)) {
                    g.writeStartArray();
                    for (int i = 1; i <= n; i++) {
                        if (columns.get(i - 1).bytes()) {
                            byte[] b = rs.getBytes(i);
                            if (b == null) {
                                g.writeNull();
                            } else {
                                g.writeStartObject();
                                g.writeStringProperty("b64", Base64.getEncoder().encodeToString(b));
                                g.writeEndObject();
                            }
                        } else {
                            String v = rs.getString(i);
                            if (v == null) {
                                g.writeNull();
                            } else {
                                g.writeString(v);
                            }
                        }
                    }
                    g.writeEndArray();
                }
                out.write(row.toString());
                out.write('\n');
                written.merge(table, 1L, Long::sum);
            }
            written.putIfAbsent(table, 0L);
            line(g -> {
                g.writeStartObject();
                g.writeStringProperty("end", "rows");
                g.writeEndObject();
            });
        }

        private interface Entry {
            void write(JsonGenerator g);
        }

        private void line(Entry entry) throws IOException {
            StringWriter s = new StringWriter();
            try (JsonGenerator g = FACTORY.createGenerator(s)) {
                entry.write(g);
            }
            out.write(s.toString());
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** A StringWriter without the synchronisation of StringBuffer. */
    private static final class StringWriter extends java.io.Writer {
        private final StringBuilder sb = new StringBuilder(256);

        @Override
        public void write(char[] cbuf, int off, int len) {
            sb.append(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            sb.append(str, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    /** A column of a table's data: its name, and whether its values are bytes (base64) rather than text. */
    record Column(String name, boolean bytes) {
    }

    /** How a value goes back into a statement on this database. */
    interface Binder {
        void bind(PreparedStatement ps, int index, String value) throws SQLException;
    }

    /**
     * Replays a dump on the connection; {@code quote} quotes identifiers for the target database, {@code overriding}
     * goes between an INSERT's column list and VALUES (PostgreSQL needs it to write identity columns).
     */
    static void restore(Path file, Connection c, java.util.function.UnaryOperator<String> quote, Binder text,
                        String overriding) throws IOException, SQLException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            JsonNode header = Json.mapper().readTree(in.readLine());
            if (!FORMAT.equals(header.path("format").asString(""))) {
                throw new IOException("not a " + FORMAT + " file");
            }
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode entry = Json.mapper().readTree(line);
                if (entry.has("sql")) {
                    try (Statement s = c.createStatement()) {
                        s.execute(entry.get("sql").asString());
                    }
                } else if (entry.has("rows")) {
                    loadRows(in, c, entry, quote, text, overriding);
                }
            }
        }
    }

    private static void loadRows(BufferedReader in, Connection c, JsonNode header,
                                 java.util.function.UnaryOperator<String> quote, Binder text, String overriding)
            throws IOException, SQLException {
        List<String> columns = new ArrayList<>();
        header.get("columns").forEach(n -> columns.add(quote.apply(n.asString())));
        String sql = "INSERT INTO " + quote.apply(header.get("rows").asString()) + " (" + String.join(", ", columns)
                + ") " + overriding + "VALUES (" + String.join(", ", columns.stream().map(x -> "?").toList()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int pending = 0;
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode row = Json.mapper().readTree(line);
                if (row.isObject() && row.has("end")) {
                    break;
                }
                for (int i = 0; i < columns.size(); i++) {
                    JsonNode v = row.get(i);
                    if (v == null || v.isNull()) {
                        ps.setNull(i + 1, Types.NULL);
                    } else if (v.isObject()) {
                        ps.setBytes(i + 1, Base64.getDecoder().decode(v.get("b64").asString()));
                    } else {
                        text.bind(ps, i + 1, v.asString());
                    }
                }
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    /** The roles entry right after the header; empty for a dump without one (made before it existed). */
    static java.util.Optional<List<String>> roles(Path file) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            String next = header == null ? null : in.readLine();
            if (next == null) {
                return java.util.Optional.empty();
            }
            JsonNode entry = Json.mapper().readTree(next);
            if (!entry.has("roles")) {
                return java.util.Optional.empty();
            }
            List<String> roles = new ArrayList<>();
            entry.get("roles").forEach(n -> roles.add(n.asString()));
            return java.util.Optional.of(roles);
        }
    }

    /**
     * Hands each statement of the dump to {@code each}, in order, without its rows (row lines are JSON arrays, passed
     * over unparsed).
     */
    static void forEachStatement(Path file, java.util.function.Consumer<String> each) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("{")) {
                    JsonNode entry = Json.mapper().readTree(line);
                    if (entry.has("sql")) {
                        each.accept(entry.get("sql").asString());
                    }
                }
            }
        }
    }

    /** Whether a file is a complete dump of ours: header first, and it decompresses to the end. */
    static String readable(Path file) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String first = in.readLine();
            if (first == null || !first.contains(FORMAT)) {
                return "not a " + FORMAT + " file";
            }
            while (in.readLine() != null) {
                // reading to the end checks the gzip trailer: a cut-off file fails here
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "the dump cannot be read to its end: " + e.getMessage();
        }
    }

    private LogicalDump() {
    }

}
