-- The global budget's reservation in one round trip: the same rule as GlobalWindow (Java), run
-- under the row lock by the server's clock. Bookkeeping only, so its commit need not wait for the
-- disk: a crash forgets at most a second of pacing.
CREATE FUNCTION ${requests}_reserve(lim integer, window_ms bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    now_ms bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    times  bigint[];
    n      integer;
    at_ms  bigint;
BEGIN
    PERFORM set_config('synchronous_commit', 'off', true);
    SELECT recent INTO times FROM ${requests}_global WHERE id = 1 FOR UPDATE;
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
