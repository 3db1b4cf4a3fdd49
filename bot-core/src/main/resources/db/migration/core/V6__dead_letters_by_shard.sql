-- A dead letter belongs to the shard whose guild its request concerns, like a kept request (V3):
-- processes that share one database each list, retry and discard only their own shards' letters.
-- Letters written before this column existed were all of the single process then running: shard 0.
ALTER TABLE core_dead_letters ADD COLUMN shard integer NOT NULL DEFAULT 0;
CREATE INDEX core_dead_letters_shard_idx ON core_dead_letters (shard, id);
