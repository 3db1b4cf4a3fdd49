-- Engine-wide switches the bot's owners set: while paused, workers claim nothing (requests wait
-- in the queue, in order) until resumed.
CREATE TABLE ${requests}_control (
    id     integer PRIMARY KEY CHECK (id = 1),
    paused boolean NOT NULL DEFAULT false
);
INSERT INTO ${requests}_control (id, paused) VALUES (1, false);
