-- Requests kept across a restart belong to the shard whose guild they concern, so processes that
-- share one database (discord.shards.ids split across them) each take back only their own.
-- Requests kept before this column existed were all of the single process then running: shard 0.
ALTER TABLE core_pending_requests ADD COLUMN shard integer NOT NULL DEFAULT 0;
CREATE INDEX core_pending_requests_shard_idx ON core_pending_requests (shard, id);
