-- The music cog: what each server played, its saved playlists, and its player's state so that a
-- restart resumes it.
CREATE TABLE music_history (
  id BIGSERIAL PRIMARY KEY,
  guild_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  source TEXT NOT NULL,
  title TEXT NOT NULL,
  length_ms BIGINT NOT NULL,
  played_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX music_history_guild ON music_history (guild_id, played_at DESC);
CREATE INDEX music_history_user ON music_history (user_id);

CREATE TABLE music_playlist (
  id BIGSERIAL PRIMARY KEY,
  guild_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  owner_id BIGINT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX music_playlist_name ON music_playlist (guild_id, lower(name));

CREATE TABLE music_playlist_item (
  playlist_id BIGINT NOT NULL REFERENCES music_playlist (id) ON DELETE CASCADE,
  position INT NOT NULL,
  source TEXT NOT NULL,
  title TEXT NOT NULL,
  length_ms BIGINT NOT NULL,
  added_by BIGINT NOT NULL,
  PRIMARY KEY (playlist_id, position)
);
CREATE INDEX music_playlist_item_user ON music_playlist_item (added_by);

-- One row per server with a player; its tracks, index 0 the one playing.
CREATE TABLE music_state (
  guild_id BIGINT PRIMARY KEY,
  voice_channel_id BIGINT,
  text_channel_id BIGINT NOT NULL,
  position_ms BIGINT NOT NULL,
  volume INT NOT NULL,
  repeat TEXT NOT NULL,
  paused BOOLEAN NOT NULL,
  saved_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE music_state_track (
  guild_id BIGINT NOT NULL REFERENCES music_state (guild_id) ON DELETE CASCADE,
  idx INT NOT NULL,
  source TEXT NOT NULL,
  title TEXT NOT NULL,
  length_ms BIGINT NOT NULL,
  requester_id BIGINT NOT NULL,
  PRIMARY KEY (guild_id, idx)
);
