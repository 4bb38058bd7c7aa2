-- migrate:up
-- a change planned for later

-- migrate:down noop
