-- A person's data deleted (`mydata delete`) through one process of the bot: the other processes
-- sharing this database see a new row and rebuild their servers' models from the store, which no
-- longer holds that person's messages. Who it was is not kept. Rows older than a week go.
CREATE TABLE markov_deletions (
  id         BIGSERIAL PRIMARY KEY,
  deleted_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
