-- Requests per mock server at a glance: how many, how many failed, how fast, first and last.
-- Servers with no requests yet are listed with zero requests.
-- migrate:description Add the server_request_summary view
-- migrate:depends_on 1

-- migrate:up
CREATE VIEW server_request_summary AS
SELECT s.id AS server_id,
       s.name AS server_name,
       COUNT(r.id) AS request_count,
       SUM(CASE WHEN r.response_status >= 400 THEN 1 ELSE 0 END) AS error_count,
       AVG(r.response_time_ms) AS avg_response_time_ms,
       MIN(r.timestamp) AS first_request_at,
       MAX(r.timestamp) AS last_request_at
  FROM mock_servers s
  LEFT JOIN request_logs r ON r.server_id = s.id
 GROUP BY s.id, s.name;

-- migrate:down
DROP VIEW server_request_summary;
