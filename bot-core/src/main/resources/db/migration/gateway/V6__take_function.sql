-- A slot of the global budget is taken when its request goes, not booked ahead. A booked slot was
-- a promise of the moment the request would go; a worker that woke late on a busy machine sent it
-- later than booked, and Discord (which opens its window at the first request it sees) counted it
-- in the same second as requests booked a whole window after it: a global 429 at exactly the limit.
-- _take records a slot only when one is free at this moment (by this server's clock, read once the
-- call holds the row) and otherwise records nothing and says how long until one may be; the caller
-- sleeps that long and asks again. _reserve stays for workers of the previous version during a
-- rolling upgrade: both keep the same row by the same window.
CREATE OR REPLACE FUNCTION ${requests}_take(lim integer, window_ms bigint,
                                            at_now_ms bigint DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    now_ms bigint;
    times  bigint[];
    n      integer;
BEGIN
    PERFORM set_config('synchronous_commit', 'off', true);
    SELECT recent INTO times FROM ${requests}_global WHERE id = 1 FOR UPDATE;
    now_ms := coalesce(at_now_ms, (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
    SELECT coalesce(array_agg(t ORDER BY t), '{}') INTO times FROM unnest(times) AS t
        WHERE t > now_ms - window_ms;
    n := coalesce(array_length(times, 1), 0);
    IF n >= lim THEN
        -- The oldest of the latest lim sends must leave the window first.
        RETURN times[n - lim + 1] + window_ms - now_ms;
    END IF;
    UPDATE ${requests}_global SET recent = array_append(times, now_ms) WHERE id = 1;
    RETURN 0;
END;
$$;
