-- Request logs keep headers and query parameters as the JSON text the server received. This adds columns holding
-- the same JSON in canonical compact form where it parses, NULL where it does not, filled in key-range batches so
-- that a table of millions of rows is never updated in one statement.
-- migrate:description Parse stored request log JSON into parsed_headers and parsed_query_params
-- migrate:depends_on 3
-- migrate:backup_required

-- migrate:up dialect=sqlite
ALTER TABLE request_logs ADD COLUMN parsed_headers TEXT;
ALTER TABLE request_logs ADD COLUMN parsed_query_params TEXT;
-- migrate:batch table=request_logs key=id size=1000
UPDATE request_logs
   SET parsed_headers = CASE WHEN json_valid(headers) THEN json(headers) END,
       parsed_query_params = CASE WHEN json_valid(query_params) THEN json(query_params) END
 WHERE id >= :batch_from AND id < :batch_to
   AND parsed_headers IS NULL AND parsed_query_params IS NULL;

-- PostgreSQL 15 has no IS JSON test, and a cast of bad text fails the whole statement, so a helper catches the
-- error per value. It lives only as long as this migration.
-- migrate:up dialect=postgresql
ALTER TABLE request_logs ADD COLUMN parsed_headers TEXT;
ALTER TABLE request_logs ADD COLUMN parsed_query_params TEXT;
CREATE FUNCTION migrate_mcp_try_json(value TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN value::jsonb::text;
EXCEPTION WHEN others THEN
    RETURN NULL;
END;
$$;
-- migrate:batch table=request_logs key=id size=1000
UPDATE request_logs
   SET parsed_headers = migrate_mcp_try_json(headers),
       parsed_query_params = migrate_mcp_try_json(query_params)
 WHERE id >= :batch_from AND id < :batch_to
   AND parsed_headers IS NULL AND parsed_query_params IS NULL;
DROP FUNCTION migrate_mcp_try_json(TEXT);

-- JSON_EXTRACT(x, '$') re-serialises a document on both MySQL and MariaDB (JSON_COMPACT is MariaDB's only).
-- migrate:up dialect=mysql
ALTER TABLE request_logs ADD COLUMN parsed_headers TEXT;
ALTER TABLE request_logs ADD COLUMN parsed_query_params TEXT;
-- migrate:batch table=request_logs key=id size=1000
UPDATE request_logs
   SET parsed_headers = CASE WHEN JSON_VALID(headers) THEN JSON_EXTRACT(headers, '$') END,
       parsed_query_params = CASE WHEN JSON_VALID(query_params) THEN JSON_EXTRACT(query_params, '$') END
 WHERE id >= :batch_from AND id < :batch_to
   AND parsed_headers IS NULL AND parsed_query_params IS NULL;

-- The parsed columns are derived from headers and query_params, which stay: dropping them loses nothing.
-- migrate:down
ALTER TABLE request_logs DROP COLUMN parsed_query_params;
ALTER TABLE request_logs DROP COLUMN parsed_headers;
