DROP VIEW IF EXISTS thing_view;
CREATE VIEW thing_view AS SELECT name FROM #[thing]s;
