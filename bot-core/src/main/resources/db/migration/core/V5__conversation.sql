-- The conversation queue: what people asked the assistant (`ask`, direct messages), in order.
-- guild_id 0 is a direct message. A request is QUEUED, then PROCESSING, then one of COMPLETED,
-- FAILED, EXPIRED or CANCELLED; what a person was told is "queued" is here before they are told.
CREATE TABLE conversation_request (
  id                bigserial   PRIMARY KEY,
  user_id           bigint      NOT NULL,
  guild_id          bigint      NOT NULL,
  channel_id        bigint      NOT NULL,
  origin_message_id bigint      NOT NULL DEFAULT 0,
  message           text        NOT NULL,
  status            text        NOT NULL,
  created_at        timestamptz NOT NULL,
  started_at        timestamptz,
  finished_at       timestamptz,
  status_message_id bigint      NOT NULL DEFAULT 0,
  attempts          integer     NOT NULL DEFAULT 0,
  outcome           text
);
-- One active request per person, held by the database too (a second process, a race).
CREATE UNIQUE INDEX conversation_request_active_idx ON conversation_request (user_id)
  WHERE status IN ('QUEUED', 'PROCESSING');
CREATE INDEX conversation_request_user_idx ON conversation_request (user_id, created_at);
CREATE INDEX conversation_request_guild_idx ON conversation_request (guild_id);
CREATE INDEX conversation_request_finished_idx ON conversation_request (finished_at)
  WHERE finished_at IS NOT NULL;

-- Each person's conversation with the assistant, per server (0: direct messages), in order.
CREATE TABLE conversation_turn (
  id         bigserial   PRIMARY KEY,
  user_id    bigint      NOT NULL,
  guild_id   bigint      NOT NULL,
  request_id bigint,
  role       text        NOT NULL,
  content    text        NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX conversation_turn_scope_idx ON conversation_turn (user_id, guild_id, id DESC);
CREATE INDEX conversation_turn_guild_idx ON conversation_turn (guild_id);

-- Whether the owners paused the queue (survives a restart).
CREATE TABLE conversation_state (
  id     integer PRIMARY KEY CHECK (id = 1),
  paused boolean NOT NULL
);
INSERT INTO conversation_state (id, paused) VALUES (1, false);
