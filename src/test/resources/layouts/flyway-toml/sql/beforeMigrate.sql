-- a Flyway callback: not read by migrate-mcp
SELECT 1;
