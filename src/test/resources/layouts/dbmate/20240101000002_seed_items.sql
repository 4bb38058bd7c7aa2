-- migrate:up transaction:false
INSERT INTO items (id, name) VALUES (1, 'first');
INSERT INTO items (id, name) VALUES (2, 'second');

-- migrate:down transaction:false
DELETE FROM items WHERE id IN (1, 2);
