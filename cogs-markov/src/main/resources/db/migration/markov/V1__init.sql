-- The channels a server's admins asked the cog to learn from, and where reading stopped.
CREATE TABLE markov_channels (
  channel_id       BIGINT PRIMARY KEY,
  guild_id         BIGINT NOT NULL,
  -- the newest message read; the next read starts after it (null: not read yet, backfill)
  last_message_id  BIGINT,
  registered_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_gathered_at TIMESTAMPTZ,
  -- false once `markov off`, or when the channel was deleted or the bot lost access to it
  active           BOOLEAN NOT NULL DEFAULT TRUE,
  stopped_reason   TEXT
);
CREATE INDEX markov_channels_guild ON markov_channels (guild_id);

-- Each learned message, cleaned (lower-case words, punctuation and this server's emojis, no links
-- or mentions): the model is built from these rows and nothing else.
CREATE TABLE markov_messages (
  message_id BIGINT PRIMARY KEY,
  guild_id   BIGINT NOT NULL,
  channel_id BIGINT NOT NULL,
  author_id  BIGINT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  tokens     TEXT NOT NULL
);
CREATE INDEX markov_messages_author ON markov_messages (author_id, guild_id);
CREATE INDEX markov_messages_channel ON markov_messages (channel_id);
CREATE INDEX markov_messages_guild ON markov_messages (guild_id, created_at);

-- People who asked not to be learned from in a server (`markov opt-out`).
CREATE TABLE markov_opt_outs (
  guild_id BIGINT NOT NULL,
  user_id  BIGINT NOT NULL,
  PRIMARY KEY (guild_id, user_id)
);

-- Words a server's admins never want spoken.
CREATE TABLE markov_blocklist (
  guild_id BIGINT NOT NULL,
  word     TEXT NOT NULL,
  PRIMARY KEY (guild_id, word)
);
