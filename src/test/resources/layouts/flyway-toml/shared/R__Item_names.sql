DROP VIEW IF EXISTS ${view_name};
CREATE VIEW ${view_name} AS SELECT name FROM items;
