-- The external gateway's queue in PostgreSQL. Table names come from messaging.gateway
-- (request_queue, response_queue) as Flyway placeholders, so two applications can share a server.

-- Requests waiting or running. A row is claimed by setting claimed_by; it is deleted when its
-- answer is written, so the lowest id of a route key is always that channel's next request.
CREATE TABLE ${requests} (
    id         bigserial PRIMARY KEY,
    request_id uuid        NOT NULL UNIQUE,
    route_key  bigint      NOT NULL,
    action     text        NOT NULL,
    reply_to   text        NOT NULL,
    deadline   timestamptz NOT NULL,
    body       text        NOT NULL,
    claimed_by text,
    claimed_at timestamptz,
    deliveries integer     NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ${requests}_route_idx ON ${requests} (route_key, id);

-- Answers until their bot instance collects them (or response_ttl passes).
CREATE TABLE ${responses} (
    request_id uuid PRIMARY KEY,
    reply_to   text        NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ${responses}_reply_idx ON ${responses} (reply_to);
CREATE INDEX ${responses}_age_idx ON ${responses} (created_at);

-- Worker leases: a worker whose alive_until has passed is dead, and its claims are free.
CREATE TABLE ${requests}_workers (
    worker_id   text PRIMARY KEY,
    alive_until timestamptz NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now()
);

-- Discord buckets a worker saw emptied, per route key (channel or guild) and route.
CREATE TABLE ${requests}_buckets (
    route_key     bigint      NOT NULL,
    bucket        text        NOT NULL,
    blocked_until timestamptz NOT NULL,
    PRIMARY KEY (route_key, bucket)
);

-- The global budget: send times (epoch ms) of the latest requests, shared by every process.
CREATE TABLE ${requests}_global (
    id     integer PRIMARY KEY CHECK (id = 1),
    recent bigint[] NOT NULL
);
INSERT INTO ${requests}_global (id, recent) VALUES (1, '{}');
