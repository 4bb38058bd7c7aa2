package dev.migratemcp.engine;

import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Test;

import static dev.migratemcp.testing.Versions.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MysqlEngineTest extends EngineConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MYSQL;
    }

    /**
     * Issue 10: a data change of a MyISAM table cannot commit with its progress row, so after a crash resume could
     * repeat it. The plan says so for every statement that writes such a table: one created in the plan (with ENGINE,
     * or LIKE one), one already in the schema, and not once the table is InnoDB.
     */
    @Test
    void writesToTablesWithoutTransactionsAreARisk() throws Exception {
        files.write(1, "myisam", null, """
                CREATE TABLE counters (id INT PRIMARY KEY, n INT) ENGINE=MyISAM;
                CREATE TABLE safe (id INT PRIMARY KEY, engine VARCHAR(10));
                CREATE TABLE counters_copy LIKE counters;
                INSERT INTO counters VALUES (1, 0);
                INSERT INTO safe VALUES (1, 'x');
                INSERT INTO `counters_copy` SELECT id, 0 FROM safe;""", null);
        files.write(2, "bump", null, """
                UPDATE counters SET n = n + 1 WHERE id = 1;
                DELETE FROM safe WHERE id = 2;
                ALTER TABLE counters ENGINE = InnoDB;
                UPDATE counters SET n = n + 1 WHERE id = 1;""", null);
        java.util.List<PlannedStatement> first = engine().plan(v(1)).migrations().get(0).statements();
        assertEquals(java.util.List.of(false, false, false, true, false, true), first.stream()
                .map(MysqlEngineTest::nonTransactional).toList(), first.toString());
        Risk risk = first.get(3).risks().stream().filter(r -> r.kind().equals("non_transactional_table"))
                .findFirst().orElseThrow();
        org.junit.jupiter.api.Assertions.assertTrue(risk.message().contains("counters, a MyISAM table"),
                risk.message());

        ApplyReport dryRun = engine().apply(v(1), true, ProgressListener.NONE);
        assertEquals(true, nonTransactional(dryRun.plan().get(0).statements().get(3)), "dry run shows it too");
        assertEquals("applied", engine().apply(v(1), false, ProgressListener.NONE).status());

        PlanReport second = engine().plan(v(2));
        assertEquals(java.util.List.of(true, false, false, false), second.migrations().get(0).statements().stream()
                .map(MysqlEngineTest::nonTransactional).toList(), "the live table's engine is read");
        assertEquals(1, second.riskCounts().get("non_transactional_table"));
    }

    /**
     * On a server whose default engine is MyISAM, the history and snapshot tables are still InnoDB (else no statement
     * could commit with its progress), and a table created without ENGINE is known to be MyISAM.
     */
    @Test
    void aMyisamDefaultEngineIsSeen() throws Exception {
        files.write(1, "plain", null, """
                CREATE TABLE plain (id INT PRIMARY KEY);
                INSERT INTO plain VALUES (1);""", null);
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?")
                + "sessionVariables=default_storage_engine=MyISAM";
        try (MigrationEngine engine = new MigrationEngine(dev.migratemcp.config.Config.resolve(
                new dev.migratemcp.config.Config.Options(url, null, null, migrationsDir.toString(), null, 5.0, null,
                        "never", null), java.util.Map.of()))) {
            java.util.List<PlannedStatement> plan = engine.plan(v(1)).migrations().get(0).statements();
            assertEquals(java.util.List.of(false, true), plan.stream().map(MysqlEngineTest::nonTransactional)
                    .toList(), plan.toString());
            assertEquals("applied", engine.apply(null, false, ProgressListener.NONE).status());
        }
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT TABLE_NAME, ENGINE FROM information_schema.TABLES "
                     + "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME")) {
            java.util.Map<String, String> engines = new java.util.TreeMap<>();
            while (rs.next()) {
                engines.put(rs.getString(1), rs.getString(2));
            }
            assertEquals(java.util.Map.of("plain", "MyISAM", "schema_version", "InnoDB",
                    "schema_version_snapshots", "InnoDB"), engines);
        }
    }

    private static boolean nonTransactional(PlannedStatement st) {
        return st.risks().stream().anyMatch(r -> r.kind().equals("non_transactional_table"));
    }

    @Test
    void executableCommentsRunOnTheServer() throws Exception {
        // as mysqldump writes them: nothing here is an ordinary statement, everything is for the server to run
        files.write(1, "dump_header", null, """
                /*!40101 SET @saved_cs_client = @@character_set_client */;
                /*!50100 CREATE TABLE exec_t (id INT PRIMARY KEY, note VARCHAR(20)) */;
                /*M!100100 INSERT INTO exec_t VALUES (1, 'mariadb; only') */;
                /*! INSERT INTO exec_t VALUES (2, 'any') */;""", null);
        ApplyReport r = applyAll(engine());
        assertEquals("applied", r.status());
        assertEquals(4, engine().history().entries().get(0).statementsDone());
        assertEquals(2, count("SELECT COUNT(*) FROM exec_t"));
        assertEquals(1, count("SELECT COUNT(*) FROM exec_t WHERE note = 'mariadb; only'"));
    }
}
