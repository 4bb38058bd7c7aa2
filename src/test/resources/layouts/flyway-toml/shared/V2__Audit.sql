CREATE TABLE audit (id INTEGER PRIMARY KEY, history_table VARCHAR(100), script VARCHAR(100));
INSERT INTO audit (id, history_table, script) VALUES (1, '${flyway:table}', '${flyway:filename}');
