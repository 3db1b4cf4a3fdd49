CREATE TABLE diary_entries (
    id         BIGSERIAL PRIMARY KEY,
    guild_id   BIGINT NOT NULL,
    user_id    BIGINT NOT NULL,
    text       TEXT NOT NULL
);
