-- The reservation reads the clock once it holds the budget's row, not when the call starts. Read
-- at the start, a call that queued behind other processes' reservations was timed by a moment
-- long past: its slot was recorded that much before the request actually went, and the requests
-- that counted from that slot went as much too soon (a burst from several workers queues dozens of
-- calls on this row, and global 429s followed). Redis runs its script atomically, so its clock is
-- always read in turn, as this one now is.
CREATE OR REPLACE FUNCTION ${requests}_reserve(lim integer, window_ms bigint,
                                               at_now_ms bigint DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    now_ms bigint;
    times  bigint[];
    n      integer;
    at_ms  bigint;
BEGIN
    PERFORM set_config('synchronous_commit', 'off', true);
    SELECT recent INTO times FROM ${requests}_global WHERE id = 1 FOR UPDATE;
    now_ms := coalesce(at_now_ms, (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
    SELECT coalesce(array_agg(t ORDER BY t), '{}') INTO times FROM unnest(times) AS t
        WHERE t > now_ms - window_ms;
    n := coalesce(array_length(times, 1), 0);
    at_ms := now_ms;
    IF n >= lim THEN
        at_ms := greatest(now_ms, times[n - lim + 1] + window_ms);
    END IF;
    SELECT array_agg(t ORDER BY t) INTO times FROM (
        SELECT t FROM unnest(array_append(times, at_ms)) AS t ORDER BY t DESC LIMIT lim) AS latest;
    UPDATE ${requests}_global SET recent = times WHERE id = 1;
    RETURN at_ms - now_ms;
END;
$$;
