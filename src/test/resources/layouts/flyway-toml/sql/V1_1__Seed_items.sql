INSERT INTO items (id, name, owner, added_by) VALUES (1, 'lamp', '${owner}', '${flyway:user}');
INSERT INTO items (id, name, owner, added_by) VALUES (2, 'desk', '${OWNER}', '${flyway:user}');
