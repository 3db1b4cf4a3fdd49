CREATE TABLE notes_notes (
    id   BIGSERIAL PRIMARY KEY,
    text TEXT NOT NULL
);
