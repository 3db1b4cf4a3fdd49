-- Per-server settings: what a server's admins set, by cog and name, in the setting type's stored
-- form; a reset deletes the row, and the default applies again.
CREATE TABLE core_guild_settings (
  guild_id   bigint      NOT NULL,
  cog        text        NOT NULL,
  name       text        NOT NULL,
  value      text        NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (guild_id, cog, name)
);

-- Which cogs a server's admins turned on or off; no row means the process-wide default.
CREATE TABLE core_guild_cogs (
  guild_id   bigint      NOT NULL,
  cog        text        NOT NULL,
  enabled    boolean     NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (guild_id, cog)
);

-- The servers the bot is in, and when it left one: a server left longer than
-- data.server_retention ago has its data deleted.
CREATE TABLE core_guilds (
  guild_id  bigint      PRIMARY KEY,
  joined_at timestamptz NOT NULL DEFAULT now(),
  left_at   timestamptz
);
CREATE INDEX core_guilds_left_idx ON core_guilds (left_at) WHERE left_at IS NOT NULL;
