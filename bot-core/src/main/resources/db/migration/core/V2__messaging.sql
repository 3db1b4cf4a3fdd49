-- Requests that failed for good: kept with their JSON so they can be listed, retried, discarded.
CREATE TABLE core_dead_letters (
    id               BIGSERIAL   PRIMARY KEY,
    action           TEXT        NOT NULL,
    route_key        BIGINT      NOT NULL,
    request          JSONB       NOT NULL,
    error            TEXT        NOT NULL,
    attempts         INT         NOT NULL,
    first_attempt_at TIMESTAMPTZ,
    failed_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Requests still queued when the bot stopped; sent again at the next start, in order.
CREATE TABLE core_pending_requests (
    id        BIGSERIAL   PRIMARY KEY,
    request   JSONB       NOT NULL,
    queued_at TIMESTAMPTZ NOT NULL
);
