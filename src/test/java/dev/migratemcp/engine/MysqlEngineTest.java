package dev.migratemcp.engine;

import dev.migratemcp.dialect.DatabaseKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MysqlEngineTest extends EngineConformanceTest {
    @Override
    DatabaseKind kind() {
        return DatabaseKind.MYSQL;
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
