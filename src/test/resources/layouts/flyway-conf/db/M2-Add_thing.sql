-- with this project's placeholder syntax, ${name} is plain text
INSERT INTO #[thing]s (id, name) VALUES (1, '${name}');
