package dev.migratemcp.backup;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static dev.migratemcp.backup.CatalogueRoundTrip.copy;
import static dev.migratemcp.backup.CatalogueRoundTrip.execute;
import static dev.migratemcp.backup.CatalogueRoundTrip.lines;
import static dev.migratemcp.backup.CatalogueRoundTrip.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SQLite's round-trip catalogue: every storage class and declared type (values of any class in an untyped column),
 * STRICT and WITHOUT ROWID tables, AUTOINCREMENT, generated columns, checks, foreign keys, partial and expression
 * indexes, views, triggers and the header's user_version, with awkward values (extremes, infinities, -0.0, NULL
 * against empty, text holding a zero character, unicode beyond the BMP, a wide row), backed up by its own method,
 * restored into another file and compared by schema snapshot, every CREATE statement, and every value with its
 * storage class.
 */
class SqliteCatalogueTest {

    @TempDir
    Path backups;

    @Test
    void theCatalogueRoundTripsIntoAnotherFile() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.SQLITE);
             TestDatabase dst = TestDatabase.create(DatabaseKind.SQLITE)) {
            try (Connection c = src.connect()) {
                execute(c, catalogue());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO every_type (id, c_text, c_blob) VALUES "
                        + "(?, ?, ?)")) {
                    byte[] bytes = new byte[300_000];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) i;
                    }
                    ps.setInt(1, 100);
                    ps.setString(2, "\uD83D\uDE00 ünï ".repeat(100_000));
                    ps.setBytes(3, bytes);
                    ps.executeUpdate();
                }
            }
            try (Connection c = dst.connect()) {
                execute(c, "CREATE TABLE placeholder (x)");
            }
            BackupManifest m = copy(src.jdbcUrl(), dst.jdbcUrl(), false, backups);
            assertEquals("sqlite_backup_api", m.method());
            assertEquals(snapshot(src.jdbcUrl()), snapshot(dst.jdbcUrl()), "the schema snapshot");
            assertEquals(String.join("\n", schema(src)), String.join("\n", schema(dst)), "every CREATE statement");
            assertEquals(content(src), content(dst), "every value, with its storage class");
        }
    }

    private static List<String> schema(TestDatabase db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            List<String> out = new ArrayList<>(lines(c, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY "
                    + "type, name"));
            out.addAll(lines(c, "PRAGMA user_version"));
            out.addAll(lines(c, "PRAGMA application_id"));
            return out;
        }
    }

    /** Each table's rows as storage class and exact value per column (REAL as its exact double), sorted. */
    private static List<String> content(TestDatabase db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement s = c.createStatement()) {
            for (String table : lines(c, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                List<String> columns = lines(c, "SELECT name FROM pragma_table_xinfo('" + table + "')");
                StringBuilder select = new StringBuilder("SELECT ");
                for (String col : columns) {
                    select.append("typeof(\"").append(col).append("\"), \"").append(col).append("\", ");
                }
                select.setLength(select.length() - 2);
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(select + " FROM \"" + table + "\"")) {
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= 2 * columns.size(); i += 2) {
                            String type = rs.getString(i);
                            row.append(type).append(':').append(switch (type) {
                                case "real" -> Double.toString(rs.getDouble(i + 1));
                                case "integer" -> Long.toString(rs.getLong(i + 1));
                                case "blob" -> HexFormat.of().formatHex(rs.getBytes(i + 1));
                                case "text" -> rs.getString(i + 1);
                                default -> "";
                            }).append('\u001f');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                out.add(table + " " + rows.size() + " " + String.join("\n", rows).hashCode());
            }
        }
        return out;
    }

    private static String[] catalogue() {
        return new String[]{
                "PRAGMA user_version = 42",
                "PRAGMA application_id = 1234",
                "CREATE TABLE every_type (id INTEGER PRIMARY KEY, c_int INTEGER, c_real REAL, c_text TEXT, c_blob BLOB, "
                        + "c_numeric NUMERIC, c_untyped, c_varchar VARCHAR(10), c_bool BOOLEAN, c_date DATE, c_decimal "
                        + "DECIMAL(10, 2), c_virtual INTEGER GENERATED ALWAYS AS (c_int * 2) VIRTUAL, c_stored TEXT "
                        + "GENERATED ALWAYS AS (c_text || '!') STORED)",
                "INSERT INTO every_type (id, c_int, c_real, c_text, c_blob, c_numeric, c_untyped, c_varchar, c_bool, "
                        + "c_date, c_decimal) VALUES (1, 9223372036854775807, 0.1 + 0.2, 'Ünïcødé \uD83D\uDE00 "
                        + "\uD834\uDD1E', x'00ff00', '12.50', 1, 'longer than ten', 1, '2026-12-01', 1234.5), "
                        + "(2, -9223372036854775808, 1.7976931348623157e308, '', x'', 'abc', 1.5, '', 0, "
                        + "'not a date', '0.10'), (3, 0, 9e999, CAST(x'610062' AS TEXT), zeroblob(3), 1e400, 'text', "
                        + "NULL, NULL, NULL, NULL), (4, NULL, -9e999, NULL, NULL, NULL, x'00', NULL, NULL, NULL, NULL), "
                        + "(5, -1, 4.9e-324, ' ', NULL, -0.0, -0.0, NULL, NULL, NULL, NULL), (6, NULL, NULL, NULL, NULL, "
                        + "NULL, NULL, NULL, NULL, NULL, NULL)",
                "CREATE TABLE strict_t (id INTEGER PRIMARY KEY, i INT, r REAL, t TEXT, b BLOB, a ANY) STRICT",
                "INSERT INTO strict_t VALUES (1, 1, 2.5, 't', x'01', 'any'), (2, NULL, NULL, NULL, NULL, 3.25)",
                "CREATE TABLE no_rowid (k TEXT PRIMARY KEY, v) WITHOUT ROWID",
                "INSERT INTO no_rowid VALUES ('b', 2), ('a', x'ff')",
                "CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE COLLATE NOCASE)",
                "INSERT INTO parent (name) VALUES ('one'), ('two')",
                "DELETE FROM parent WHERE name = 'two'",
                "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE "
                        + "CASCADE, note TEXT CHECK (length(note) < 100))",
                "INSERT INTO child VALUES (1, 1, 'a'), (2, 1, NULL)",
                "CREATE INDEX child_note ON child (lower(note)) WHERE note IS NOT NULL",
                "CREATE VIEW child_notes AS SELECT p.name, c.note FROM child c JOIN parent p ON p.id = c.parent_id",
                "CREATE TRIGGER child_stamp AFTER INSERT ON child BEGIN UPDATE child SET note = coalesce(note, "
                        + "'none') WHERE id = NEW.id; END"};
    }
}
