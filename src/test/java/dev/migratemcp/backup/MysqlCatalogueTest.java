package dev.migratemcp.backup;

import dev.migratemcp.dialect.DatabaseKind;
import dev.migratemcp.testing.TestDatabase;
import dev.migratemcp.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.migratemcp.backup.CatalogueRoundTrip.copy;
import static dev.migratemcp.backup.CatalogueRoundTrip.execute;
import static dev.migratemcp.backup.CatalogueRoundTrip.lines;
import static dev.migratemcp.backup.CatalogueRoundTrip.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * MySQL/MariaDB's round-trip catalogue: every column type with awkward values (extremes, zero dates, bit strings,
 * FLOAT and DOUBLE at full precision, spatial values, binary with zero bytes, unicode beyond the BMP), generated and
 * AUTO_INCREMENT columns, checks, foreign keys, comments, views in a non-creation order, triggers in their order,
 * procedures, functions, events (and MariaDB sequences), backed up by each method, restored into another database and
 * compared by schema snapshot, every SHOW CREATE, and every value compared exactly on the server.
 */
class MysqlCatalogueTest {

    @TempDir
    Path backups;

    /**
     * mysqldump writes FLOAT with 6 significant digits, so a database with a FLOAT column is dumped by our method;
     * the rest of the catalogue goes through the tool.
     */
    @ParameterizedTest(name = "builtin = {0}")
    @ValueSource(booleans = {true, false})
    void theCatalogueRoundTripsIntoAnotherDatabase(boolean builtin) throws Exception {
        assumeTrue(builtin || MysqlDumpMethod.usable(), "mariadb-dump / mysqldump and the client are not on the PATH");
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MYSQL);
             TestDatabase dst = TestDatabase.create(DatabaseKind.MYSQL)) {
            try (Connection c = src.connect()) {
                execute(c, catalogue(mariadb(c), builtin).toArray(String[]::new));
            }
            BackupManifest m = copy(src.jdbcUrl(), dst.jdbcUrl(), builtin, backups);
            assertEquals(builtin ? "builtin_logical_mysql" : "mysqldump", m.method());
            assertSame(src, dst);
        }
    }

    @Test
    void aDatabaseWithFloatColumnsIsNotLeftToMysqldump() throws Exception {
        assumeTrue(MysqlDumpMethod.usable(), "mariadb-dump / mysqldump and the client are not on the PATH");
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MYSQL);
             TestDatabase dst = TestDatabase.create(DatabaseKind.MYSQL)) {
            try (Connection c = src.connect()) {
                execute(c, "CREATE TABLE f (id INT PRIMARY KEY, x FLOAT)", "INSERT INTO f VALUES (1, 1.2345678), "
                        + "(2, 16777217), (3, 3.4028234e38)");
            }
            BackupManifest m = copy(src.jdbcUrl(), dst.jdbcUrl(), false, backups);
            assertEquals("builtin_logical_mysql", m.method());
            assertSame(src, dst);
        }
    }

    // each bullet of issue 9 about the builtin MySQL dump, alone, so a failure names its bug

    @Test
    void bitColumnsRestore() throws Exception {
        roundTrip("CREATE TABLE t (id INT PRIMARY KEY, b1 BIT(1), b10 BIT(10), b64 BIT(64))",
                "INSERT INTO t VALUES (1, b'1', b'1010101010', b'1' << 63), (2, b'0', b'0', 0), (3, NULL, NULL, NULL)");
    }

    @Test
    void floatAndDoubleKeepEveryDigit() throws Exception {
        roundTrip("CREATE TABLE t (id INT PRIMARY KEY, f FLOAT, d DOUBLE)",
                "INSERT INTO t VALUES (1, 1.2345678, 0.1e0 + 0.2e0), (2, 16777217, 1e0 / 3e0), "
                        + "(3, 3.4028234e38, 1.7976931348623157e308), (4, 1.17549435e-38, 4.9e-324)");
    }

    @Test
    void triggersProceduresFunctionsAndEventsAreCarried() throws Exception {
        roundTrip("CREATE TABLE t (id INT PRIMARY KEY, n INT)",
                "CREATE TRIGGER t_double BEFORE INSERT ON t FOR EACH ROW SET NEW.n = NEW.n * 2",
                "CREATE PROCEDURE add_row(IN v INT) INSERT INTO t VALUES (v, v)",
                "CREATE FUNCTION half(v INT) RETURNS INT DETERMINISTIC RETURN v DIV 2",
                "CREATE EVENT tidy ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE DO DELETE FROM t",
                "INSERT INTO t VALUES (1, 1)");
    }

    @Test
    void aSystemVersionedTableIsRefusedAtBackupTime() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MYSQL)) {
            try (Connection c = src.connect()) {
                assumeTrue(mariadb(c), "system-versioned tables are MariaDB's");
                execute(c, "CREATE TABLE h (x INT) WITH SYSTEM VERSIONING");
            }
            DumpRefusedException e = assertThrows(DumpRefusedException.class, () -> copy(src.jdbcUrl(),
                    src.jdbcUrl(), true, backups));
            assertTrue(e.getMessage().contains("system versioned table h"), e.getMessage());
        }
    }

    // values a table can hold that a strict replay would refuse: each written back as it is, or the backup refused

    /**
     * An ENUM's error value ('' of index 0, stored by a write that was not strict) cannot be written back under the
     * server's strict sql_mode: the backup is refused when it is taken, naming the table, the column and the row's
     * key (the primary key, else every column), and no file is left. An empty string the list declares is a value
     * like any and round-trips.
     */
    @Test
    void anEnumsErrorValueRefusesTheBackupNamingTableColumnAndRow() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MYSQL);
             TestDatabase dst = TestDatabase.create(DatabaseKind.MYSQL)) {
            try (Connection c = src.connect()) {
                assumeTrue(lines(c, "SELECT @@GLOBAL.sql_mode").get(0).contains("STRICT_TRANS_TABLES"),
                        "the server's sql_mode is strict");
                execute(c, "CREATE TABLE declared (id INT PRIMARY KEY, e ENUM('', 'x'))",
                        "INSERT INTO declared VALUES (1, ''), (2, 'x'), (3, NULL)");
            }
            copy(src.jdbcUrl(), dst.jdbcUrl(), true, backups);
            assertSame(src, dst);

            try (Connection c = src.connect()) {
                execute(c, "CREATE TABLE moods (id INT, region CHAR(2), mood ENUM('glad', 'sad'), "
                        + "PRIMARY KEY (region, id))", "CREATE TABLE keyless (n INT, mood ENUM('glad', 'sad'))",
                        "SET SESSION sql_mode = ''", "INSERT INTO moods VALUES (1, 'eu', 'glad'), (2, 'us', 'angry')",
                        "INSERT INTO keyless VALUES (7, 'bored')");
            }
            DumpRefusedException e = assertThrows(DumpRefusedException.class, () -> copy(src.jdbcUrl(),
                    dst.jdbcUrl(), true, backups));
            assertTrue(e.getMessage().contains("table moods, column mood, row region=us, id=2: the ENUM's error "
                    + "value ''"), e.getMessage());
            assertTrue(e.getMessage().contains("table keyless, column mood, row n=7, mood="), e.getMessage());
            assertFalse(e.getMessage().contains("declared"), e.getMessage());
            assertTrue(e.hint().contains("mariadb-dump"), e.hint());
            try (java.util.stream.Stream<Path> left = java.nio.file.Files.list(backups)) {
                assertEquals(1, left.filter(p -> p.toString().endsWith(".json")).count(),
                        "only the first backup is there, nothing of the refused one");
            }
        }
    }

    /**
     * Text in a character set whose round trip through Unicode is not the identity comes back byte for byte: cp932's
     * NEC and IBM duplicates (0x879B comes back from U+2229 as 0x81BF, 0xED40 as 0xFA5C) and ujis's JIS X 0212 tilde
     * (0x8FA2B7 as '~') would change unseen, the content hash reading text as Unicode. The tool's utf8mb4 dump would
     * change them too, so such a database is dumped by our method.
     */
    @ParameterizedTest(name = "builtin = {0}")
    @ValueSource(booleans = {true, false})
    void textInOtherCharacterSetsComesBackByteForByte(boolean builtin) throws Exception {
        assumeTrue(builtin || MysqlDumpMethod.usable(), "mariadb-dump / mysqldump and the client are not on the PATH");
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MYSQL);
             TestDatabase dst = TestDatabase.create(DatabaseKind.MYSQL)) {
            try (Connection c = src.connect()) {
                execute(c, "CREATE TABLE j (id INT PRIMARY KEY, sj VARCHAR(10) CHARACTER SET cp932, uj TEXT "
                        + "CHARACTER SET ujis, l1 CHAR(3) CHARACTER SET latin1)",
                        "INSERT INTO j VALUES (1, _cp932 0x879B, _ujis 0x8FA2B7, _latin1 0x81FF), "
                                + "(2, _cp932 0xED40, NULL, ''), (3, _cp932 0x81BF, _ujis 0x7E, 'abc')");
            }
            BackupManifest m = copy(src.jdbcUrl(), dst.jdbcUrl(), builtin, backups);
            assertEquals("builtin_logical_mysql", m.method());
            assertSame(src, dst);
        }
    }

    /**
     * A date a table took under ALLOW_INVALID_DATES ('2020-02-31') comes back as it is: a strict replay would refuse
     * it and a lax one would make it a zero date, so the rows load with that mode.
     */
    @ParameterizedTest(name = "builtin = {0}")
    @ValueSource(booleans = {true, false})
    void invalidDatesTakenUnderAllowInvalidDatesRoundTrip(boolean builtin) throws Exception {
        assumeTrue(builtin || MysqlDumpMethod.usable(), "mariadb-dump / mysqldump and the client are not on the PATH");
        roundTrip(builtin, "CREATE TABLE d (id INT PRIMARY KEY, day DATE, at DATETIME(3))",
                "SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',ALLOW_INVALID_DATES')",
                "INSERT INTO d VALUES (1, '2020-02-31', '2021-04-31 10:00:00.125'), (2, '2019-02-29', NULL)");
    }

    /** Only the header's sql_mode line is changed on the way to the client: every other byte goes through as it is. */
    @Test
    void aMysqldumpLoadAllowsInvalidDatesAndKeepsEveryOtherByte(@TempDir Path dir) throws Exception {
        String header = "-- MariaDB dump 10.19\n/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, "
                + MysqlDumpMethod.DUMP_SQL_MODE + " */;\n";
        byte[] data = "INSERT INTO `t` VALUES (1,'caf\u00e9 SQL_MODE=''NO_AUTO_VALUE_ON_ZERO''');\n"
                .getBytes(StandardCharsets.UTF_8);
        Path dump = dir.resolve("d.sql");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(header.getBytes(StandardCharsets.ISO_8859_1));
        file.write(data);
        file.write(new byte[]{(byte) 0xff, (byte) 0x00, '\n'});
        Files.write(dump, file.toByteArray());
        ByteArrayOutputStream loaded = new ByteArrayOutputStream();
        MysqlDumpMethod.loadWithInvalidDatesAllowed(dump, loaded);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(header.replace(MysqlDumpMethod.DUMP_SQL_MODE, MysqlDumpMethod.LOAD_SQL_MODE)
                .getBytes(StandardCharsets.ISO_8859_1));
        expected.write(data);
        expected.write(new byte[]{(byte) 0xff, (byte) 0x00, '\n'});
        assertArrayEquals(expected.toByteArray(), loaded.toByteArray());
    }

    /** MariaDB: rows written with the CHECK constraints off that break one come back as they are. */
    @Test
    void rowsBreakingAMariadbCheckWrittenWithChecksOffRoundTrip() throws Exception {
        try (TestDatabase probe = TestDatabase.create(DatabaseKind.MYSQL); Connection c = probe.connect()) {
            assumeTrue(mariadb(c), "check_constraint_checks is MariaDB's");
        }
        roundTrip("CREATE TABLE c (id INT PRIMARY KEY, n INT CHECK (n > 0), CONSTRAINT small CHECK (n < 100))",
                "SET SESSION check_constraint_checks = 0", "INSERT INTO c VALUES (1, -5), (2, 500), (3, 50)");
    }

    @Test
    void unqualifyingLeavesLiteralsAndOtherDatabasesAlone() {
        assertEquals("select `t`.`a` AS `a`, '`db`.`x`' AS `s`, `other`.`t`.`b` from `t`",
                BuiltinMysqlDump.unqualified("select `db`.`t`.`a` AS `a`, '`db`.`x`' AS `s`, `other`.`t`.`b` from "
                        + "`db`.`t`", "db"));
        assertEquals("select 'it''s `db`.' from `t`", BuiltinMysqlDump.unqualified("select 'it''s `db`.' from "
                + "`db`.`t`", "db"));
    }

    @Test
    void wideRowsRoundTrip() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MYSQL);
             TestDatabase dst = TestDatabase.create(DatabaseKind.MYSQL)) {
            try (Connection c = src.connect()) {
                execute(c, "CREATE TABLE wide (id INT PRIMARY KEY, t LONGTEXT, b LONGBLOB)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO wide VALUES (?, ?, ?)")) {
                    byte[] bytes = new byte[300_000];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) i;
                    }
                    ps.setInt(1, 1);
                    ps.setString(2, "\uD83D\uDE00 ünï ".repeat(100_000));
                    ps.setBytes(3, bytes);
                    ps.executeUpdate();
                }
            }
            copy(src.jdbcUrl(), dst.jdbcUrl(), true, backups);
            assertSame(src, dst);
        }
    }

    private void roundTrip(String... seed) throws Exception {
        roundTrip(true, seed);
    }

    private void roundTrip(boolean builtin, String... seed) throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.MYSQL);
             TestDatabase dst = TestDatabase.create(DatabaseKind.MYSQL)) {
            try (Connection c = src.connect()) {
                execute(c, seed);
            }
            copy(src.jdbcUrl(), dst.jdbcUrl(), builtin, backups);
            assertSame(src, dst);
        }
    }

    private static boolean mariadb(Connection c) throws SQLException {
        return lines(c, "SELECT VERSION()").get(0).contains("MariaDB");
    }

    private static void assertSame(TestDatabase src, TestDatabase dst) throws Exception {
        assertEquals(snapshot(src.jdbcUrl()), snapshot(dst.jdbcUrl()), "the schema snapshot");
        assertEquals(String.join("\n", facts(src)), String.join("\n", facts(dst)), "every SHOW CREATE");
        try (Connection c = DriverManager.getConnection(TestServers.mysqlUrl())) {
            for (String table : lines(c, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + src.name() + "' AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1")) {
                List<String> same = new ArrayList<>();
                for (String[] col : lines(c, "SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE "
                        + "TABLE_SCHEMA = '" + src.name() + "' AND TABLE_NAME = '" + table + "'").stream()
                        .map(l -> l.split("\t")).toList()) {
                    same.add(exactlyEqual("a.`" + col[0] + "`", "b.`" + col[0] + "`", col[1]));
                }
                String from = "`" + src.name() + "`.`" + table + "`";
                String to = "`" + dst.name() + "`.`" + table + "`";
                List<String> counts = lines(c, "SELECT (SELECT COUNT(*) FROM " + from + "), (SELECT COUNT(*) FROM "
                        + to + "), (SELECT COUNT(*) FROM " + from + " a JOIN " + to + " b ON " + String.join(" AND ",
                        same) + ")");
                String[] n = counts.get(0).split("\t");
                assertEquals(n[0], n[1], table + ": rows");
                assertEquals(n[0], n[2], table + ": rows equal in every column, exactly");
            }
        }
    }

    /** A comparison true only for the same value: bytes for strings, the stored value for numbers. */
    private static String exactlyEqual(String a, String b, String type) {
        if (Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set", "json", "binary",
                "varbinary", "tinyblob", "blob", "mediumblob", "longblob").contains(type)) {
            return "(BINARY " + a + " <=> BINARY " + b + ")";
        }
        if (Set.of("geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                "geometrycollection", "geomcollection", "bit").contains(type)) {
            return "(HEX(" + a + ") <=> HEX(" + b + "))";
        }
        if (Set.of("date", "datetime", "timestamp", "time", "year").contains(type)) {
            return "(CAST(" + a + " AS CHAR) <=> CAST(" + b + " AS CHAR))";
        }
        return "(" + a + " <=> " + b + ")";
    }

    /** Every SHOW CREATE of the database, its name taken out, and the trigger order. */
    private static List<String> facts(TestDatabase db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect()) {
            for (String[] t : rows(c, "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE "
                    + "TABLE_SCHEMA = DATABASE()")) {
                String kind = t[1].equals("VIEW") ? "VIEW" : t[1].equals("SEQUENCE") ? "SEQUENCE" : "TABLE";
                out.add(lines(c, "SHOW CREATE " + kind + " `" + t[0] + "`").get(0).split("\t")[1]);
            }
            for (String[] r : rows(c, "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE "
                    + "ROUTINE_SCHEMA = DATABASE()")) {
                String[] show = lines(c, "SHOW CREATE " + r[0] + " `" + r[1] + "`").get(0).split("\t");
                out.add(show[1] + " " + show[2]);
            }
            for (String trigger : lines(c, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE "
                    + "TRIGGER_SCHEMA = DATABASE()")) {
                String[] show = lines(c, "SHOW CREATE TRIGGER `" + trigger + "`").get(0).split("\t");
                out.add(show[1] + " " + show[2]);
            }
            out.addAll(lines(c, "SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME, ACTION_ORDER FROM information_schema.TRIGGERS "
                    + "WHERE TRIGGER_SCHEMA = DATABASE()"));
            for (String event : lines(c, "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = "
                    + "DATABASE()")) {
                String[] show = lines(c, "SHOW CREATE EVENT `" + event + "`").get(0).split("\t");
                out.add(show[1] + " " + show[2] + " " + show[3]);
            }
        }
        return out.stream().map(f -> f.replace(db.name(), "<db>")).sorted().toList();
    }

    private static List<String[]> rows(Connection c, String sql) throws SQLException {
        return lines(c, sql).stream().map(l -> l.split("\t")).toList();
    }

    /** Every column type and kind of object; FLOAT only for our dump (mysqldump's 6 digits route it there). */
    private static List<String> catalogue(boolean mariadb, boolean withFloat) {
        String floats = withFloat ? "c_float FLOAT, c_float_scaled FLOAT(10, 3), " : "";
        List<String> s = new ArrayList<>(List.of(
                "CREATE TABLE every_type (id INT PRIMARY KEY, c_tinyint TINYINT, c_utinyint TINYINT UNSIGNED, "
                        + "c_smallint SMALLINT, c_mediumint MEDIUMINT, c_int INT, c_uint INT UNSIGNED, c_bigint BIGINT, "
                        + "c_ubigint BIGINT UNSIGNED, c_decimal DECIMAL(65, 30), c_decimal_small DECIMAL(5, 2), "
                        + floats + "c_double DOUBLE, c_bool BOOLEAN, c_bit1 BIT(1), c_bit10 BIT(10), c_bit64 BIT(64), "
                        + "c_char CHAR(5), c_varchar VARCHAR(50), c_latin1 VARCHAR(20) CHARACTER SET latin1, c_binary "
                        + "BINARY(4), c_varbinary VARBINARY(20), c_tinytext TINYTEXT, c_text TEXT, c_mediumtext "
                        + "MEDIUMTEXT, c_longtext LONGTEXT, c_tinyblob TINYBLOB, c_blob BLOB, c_mediumblob MEDIUMBLOB, "
                        + "c_longblob LONGBLOB, c_enum ENUM('a', 'b', 'c'), c_set SET('x', 'y', 'z'), c_date DATE, "
                        + "c_datetime DATETIME(6), c_timestamp TIMESTAMP(6) NULL, c_time TIME(6), c_year YEAR, c_json "
                        + "JSON, c_geometry GEOMETRY, c_point POINT, c_linestring LINESTRING, c_polygon POLYGON, "
                        + "c_multipoint MULTIPOINT, c_multilinestring MULTILINESTRING, c_multipolygon MULTIPOLYGON, "
                        + "c_geomcollection GEOMETRYCOLLECTION, c_virtual BIGINT AS (c_int * 2) VIRTUAL, c_stored "
                        + "VARCHAR(60) AS (CONCAT(c_varchar, '!')) STORED) COMMENT 'every type'",
                "INSERT INTO every_type (id, c_tinyint, c_utinyint, c_smallint, c_mediumint, c_int, c_uint, c_bigint, "
                        + "c_ubigint, c_decimal, c_decimal_small, " + (withFloat ? "c_float, c_float_scaled, " : "")
                        + "c_double, c_bool, c_bit1, c_bit10, c_bit64, c_char, c_varchar, c_latin1, c_binary, "
                        + "c_varbinary, c_tinytext, c_text, c_mediumtext, c_longtext, c_tinyblob, c_blob, c_mediumblob, "
                        + "c_longblob, c_enum, c_set, c_date, c_datetime, c_timestamp, c_time, c_year, c_json, "
                        + "c_geometry, c_point, c_linestring, c_polygon, c_multipoint, c_multilinestring, "
                        + "c_multipolygon, c_geomcollection) VALUES (1, -128, 255, -32768, -8388608, -2147483648, "
                        + "4294967295, -9223372036854775808, 18446744073709551615, "
                        + "'12345678901234567890123456789012345.123456789012345678901234567890', -999.99, "
                        + (withFloat ? "1.2345678, 3.142, " : "") + "0.1e0 + 0.2e0, TRUE, b'1', b'1010101010', "
                        + "b'1' << 63, 'ab', 'Ünïcødé \uD83D\uDE00 \uD834\uDD1E', 'café', 0x00010000, 0x00ff00, "
                        + "'tiny', 'text', 'medium', 'long', 0x00, 0x0001, 0xff00, 0x000000, 'b', 'x,z', '2026-12-01', "
                        + "'2026-12-01 12:34:56.789012', '2026-12-01 12:34:56.789012', '-838:59:59.000000', 2026, "
                        + "'{\"a\": [1, 2.5, \"ü\"]}', ST_GeomFromText('POINT(1 2)'), POINT(1.5, -2.25), "
                        + "ST_GeomFromText('LINESTRING(0 0, 1 1, 2 0)'), ST_GeomFromText('POLYGON((0 0, 1 0, 1 1, 0 "
                        + "0))'), ST_GeomFromText('MULTIPOINT(0 0, 1 1)'), ST_GeomFromText('MULTILINESTRING((0 0, 1 "
                        + "1), (2 2, 3 3))'), ST_GeomFromText('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))'), "
                        + "ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))'))",
                // extremes, and zero dates as the server's sql_mode lets them in
                "SET SESSION sql_mode = REPLACE(REPLACE(@@sql_mode, 'NO_ZERO_DATE', ''), 'NO_ZERO_IN_DATE', '')",
                "INSERT INTO every_type (id, c_tinyint, c_utinyint, c_bigint, c_ubigint, c_decimal, "
                        + (withFloat ? "c_float, " : "") + "c_double, c_date, c_datetime, c_timestamp, c_time, c_year) "
                        + "VALUES (2, 127, 0, 9223372036854775807, 0, "
                        + "'-99999999999999999999999999999999999.999999999999999999999999999999', "
                        + (withFloat ? "3.4028234e38, " : "") + "1.7976931348623157e308, '0000-00-00', "
                        + "'0000-00-00 00:00:00', '0000-00-00 00:00:00', '838:59:59.999999', 0), (3, 0, 0, 0, 0, 0, "
                        + (withFloat ? "1.17549435e-38, " : "") + "4.9e-324, '2020-00-15', '9999-12-31 "
                        + "23:59:59.999999', '2038-01-19 03:14:07.999999', '00:00:00', 1901), (4, NULL, NULL, NULL, "
                        + "NULL, NULL, " + (withFloat ? "-0e0, " : "") + "-0e0, '1000-01-01', '1000-01-01 00:00:00', "
                        + "'1970-01-01 00:00:01', '-00:00:01', 2155)",
                "SET SESSION sql_mode = DEFAULT",
                // NULL against empty
                "INSERT INTO every_type (id) VALUES (5)",
                "INSERT INTO every_type (id, c_char, c_varchar, c_binary, c_varbinary, c_text, c_blob, c_set, c_json) "
                        + "VALUES (6, '', '', '', '', '', '', '', '[]')",
                "CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, qty INT NOT NULL COMMENT 'how many', "
                        + "CONSTRAINT qty_positive CHECK (qty >= 0)) AUTO_INCREMENT = 1000 COMMENT 'orders'",
                "CREATE TABLE order_lines (id INT AUTO_INCREMENT PRIMARY KEY, order_id INT, note VARCHAR(20) "
                        + "INVISIBLE, KEY order_lines_order (order_id), CONSTRAINT order_lines_fk FOREIGN KEY "
                        + "(order_id) REFERENCES orders (id) ON DELETE CASCADE)",
                // an AUTO_INCREMENT 0 stays 0
                "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO')",
                "INSERT INTO orders (id, qty) VALUES (0, 5)",
                "SET SESSION sql_mode = DEFAULT",
                "INSERT INTO orders (qty) VALUES (1), (2)",
                "INSERT INTO order_lines (order_id, note) VALUES (0, 'zero'), (1000, NULL)",
                "CREATE TRIGGER lines_first BEFORE INSERT ON order_lines FOR EACH ROW SET NEW.note = "
                        + "COALESCE(NEW.note, 'none')",
                "CREATE TRIGGER lines_second BEFORE INSERT ON order_lines FOR EACH ROW FOLLOWS lines_first SET "
                        + "NEW.note = CONCAT(NEW.note, '.')",
                "CREATE TRIGGER orders_touched AFTER UPDATE ON orders FOR EACH ROW INSERT INTO order_lines (order_id) "
                        + "VALUES (NEW.id)",
                "CREATE PROCEDURE add_order(IN n INT) COMMENT 'adds one' BEGIN INSERT INTO orders (qty) VALUES (n); "
                        + "END",
                "CREATE FUNCTION total_qty() RETURNS BIGINT READS SQL DATA RETURN (SELECT SUM(qty) FROM orders)",
                "CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE COMMENT 'tidy' DO "
                        + "DELETE FROM order_lines WHERE note IS NULL",
                // w1 is older than w2 but reads it: creation order is not dependency order
                "CREATE VIEW w1 AS SELECT 1 AS one",
                "CREATE VIEW w2 AS SELECT id, qty, total_qty() AS total FROM orders",
                "CREATE OR REPLACE VIEW w1 AS SELECT w2.id, w2.qty FROM w2 WHERE w2.qty > 1"));
        if (mariadb) {
            s.add("CREATE SEQUENCE tickets START WITH 100 INCREMENT BY 5 MINVALUE 10 MAXVALUE 100000 CACHE 10 CYCLE");
            s.add("SELECT NEXTVAL(tickets)");
        }
        return s;
    }
}
