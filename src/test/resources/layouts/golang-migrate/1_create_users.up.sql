CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50));
INSERT INTO users (id, name) VALUES (1, 'ada');
