CREATE TABLE karma_points (
    guild_id BIGINT NOT NULL,
    user_id  BIGINT NOT NULL,
    points   BIGINT NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);
