-- Each route key's oldest queued request (its head), kept by triggers as requests are added and
-- answered. A claim walks this table in head order, so it reads one row per channel with queued
-- requests, never the backlog behind the heads; the claim of one channel's next head is a key
-- lookup. A head stays here while claimed: only its deletion moves the head on.
CREATE TABLE ${requests}_heads (
    route_key bigint PRIMARY KEY,
    head_id   bigint NOT NULL
);
CREATE INDEX ${requests}_heads_order_idx ON ${requests}_heads (head_id);

INSERT INTO ${requests}_heads (route_key, head_id)
    SELECT route_key, min(id) FROM ${requests} GROUP BY route_key;

-- A batch's rows: one upsert per route key. The lowest id wins, so a batch committed after a
-- later one still leaves the true head. The upsert locks the head's row, so it waits for a
-- worker moving that head on (below) and sees the head it left.
CREATE FUNCTION ${requests}_heads_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ${requests}_heads AS h (route_key, head_id)
        SELECT route_key, min(id) FROM added GROUP BY route_key ORDER BY route_key
        ON CONFLICT (route_key) DO UPDATE SET head_id = least(h.head_id, EXCLUDED.head_id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER ${requests}_heads_added AFTER INSERT ON ${requests}
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ${requests}_heads_added();

-- A head answered or dropped: the next request of its route key becomes the head, or the route
-- key leaves the table. The head's row is locked first, and the next head is looked up by a
-- statement of its own (a fresh snapshot), so a batch being added to this route key either
-- committed before and is seen here, or waits and then inserts its own head.
CREATE FUNCTION ${requests}_heads_removed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head bigint;
    next bigint;
BEGIN
    SELECT head_id INTO head FROM ${requests}_heads WHERE route_key = OLD.route_key FOR UPDATE;
    IF head IS DISTINCT FROM OLD.id THEN
        RETURN NULL;
    END IF;
    SELECT min(id) INTO next FROM ${requests} WHERE route_key = OLD.route_key;
    IF next IS NULL THEN
        DELETE FROM ${requests}_heads WHERE route_key = OLD.route_key;
    ELSE
        UPDATE ${requests}_heads SET head_id = next WHERE route_key = OLD.route_key;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ${requests}_heads_removed AFTER DELETE ON ${requests}
    FOR EACH ROW EXECUTE FUNCTION ${requests}_heads_removed();
