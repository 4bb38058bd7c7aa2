-- Settings of the mock server as key/value rows, with the type the value is to be read as.
-- The key column is config_key: KEY is a reserved word in MySQL.
-- migrate:description Add system_config with default settings

-- migrate:up dialect=sqlite
CREATE TABLE system_config (
    config_key VARCHAR(255) PRIMARY KEY,
    value TEXT,
    value_type VARCHAR(20) NOT NULL DEFAULT 'string',
    description TEXT,
    is_secret BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO system_config (config_key, value, value_type, description) VALUES
    ('request_log_retention_days', '30', 'integer', 'Days to keep request logs before they are purged'),
    ('max_request_body_bytes', '1048576', 'integer', 'Request bodies larger than this are truncated in the log'),
    ('default_response_delay_ms', '0', 'integer', 'Delay added to responses that set none');

-- migrate:up dialect=postgresql
CREATE TABLE system_config (
    config_key VARCHAR(255) PRIMARY KEY,
    value TEXT,
    value_type VARCHAR(20) NOT NULL DEFAULT 'string',
    description TEXT,
    is_secret BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO system_config (config_key, value, value_type, description) VALUES
    ('request_log_retention_days', '30', 'integer', 'Days to keep request logs before they are purged'),
    ('max_request_body_bytes', '1048576', 'integer', 'Request bodies larger than this are truncated in the log'),
    ('default_response_delay_ms', '0', 'integer', 'Delay added to responses that set none');

-- migrate:up dialect=mysql
CREATE TABLE system_config (
    config_key VARCHAR(255) NOT NULL PRIMARY KEY,
    value TEXT,
    value_type VARCHAR(20) NOT NULL DEFAULT 'string',
    description TEXT,
    is_secret BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB;
INSERT INTO system_config (config_key, value, value_type, description) VALUES
    ('request_log_retention_days', '30', 'integer', 'Days to keep request logs before they are purged'),
    ('max_request_body_bytes', '1048576', 'integer', 'Request bodies larger than this are truncated in the log'),
    ('default_response_delay_ms', '0', 'integer', 'Delay added to responses that set none');

-- migrate:down
DROP TABLE system_config;
