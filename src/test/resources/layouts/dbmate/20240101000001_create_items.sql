-- migrate:up
CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(50));

-- migrate:down
DROP TABLE items;
