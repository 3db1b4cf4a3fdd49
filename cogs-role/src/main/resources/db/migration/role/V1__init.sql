-- Each server's role setup, changed with `role ...` commands by members with Manage Roles.
-- Nothing here is about a person: only role, channel and message ids of the server.

-- Roles members may give themselves (`role self-serve add`), and whether an administrator forced
-- a dangerous one.
CREATE TABLE role_self_serve (
  guild_id BIGINT NOT NULL,
  role_id  BIGINT NOT NULL,
  forced   BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (guild_id, role_id)
);

-- Members of manager_role_id may give managed_role_id to others (`role managers set`).
CREATE TABLE role_managers (
  guild_id        BIGINT NOT NULL,
  manager_role_id BIGINT NOT NULL,
  managed_role_id BIGINT NOT NULL,
  forced          BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (guild_id, manager_role_id, managed_role_id)
);

-- Roles left out of `role list` (`role hide`).
CREATE TABLE role_hidden (
  guild_id BIGINT NOT NULL,
  role_id  BIGINT NOT NULL,
  PRIMARY KEY (guild_id, role_id)
);

-- Roles given to everyone who joins (`role autorole add`).
CREATE TABLE role_autoroles (
  guild_id BIGINT NOT NULL,
  role_id  BIGINT NOT NULL,
  PRIMARY KEY (guild_id, role_id)
);

-- Exclusive groups (`role groups set`): a member holds at most one role of a group.
CREATE TABLE role_groups (
  guild_id BIGINT NOT NULL,
  name     TEXT NOT NULL,
  role_id  BIGINT NOT NULL,
  PRIMARY KEY (guild_id, role_id)
);
CREATE INDEX role_groups_name ON role_groups (guild_id, name);

-- One row per server: the role needed to use the cog at all (`role require`) and the channel
-- where changes are logged (`role modlog`).
CREATE TABLE role_settings (
  guild_id         BIGINT PRIMARY KEY,
  required_role_id BIGINT,
  modlog_channel_id BIGINT
);

-- The panel's messages (`role panel`), edited when the self-serve roles change; part orders the
-- messages of a panel split across several.
CREATE TABLE role_panel_messages (
  guild_id   BIGINT NOT NULL,
  channel_id BIGINT NOT NULL,
  message_id BIGINT PRIMARY KEY,
  part       INT NOT NULL
);
CREATE INDEX role_panel_messages_guild ON role_panel_messages (guild_id);
