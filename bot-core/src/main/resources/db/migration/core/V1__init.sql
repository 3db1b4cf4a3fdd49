-- What slash commands were last registered where, so unchanged commands are not re-registered
-- (Discord limits command writes). scope is 'global' or 'guild:<id>'.
CREATE TABLE core_command_registrations (
    application_id BIGINT      NOT NULL,
    scope          TEXT        NOT NULL,
    payload_hash   TEXT        NOT NULL,
    registered_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (application_id, scope)
);
