-- The global budget's reservation may be asked for at a given time (epoch ms), so that one
-- contract test can run the same cases against this function, the Redis script and the Java
-- GlobalWindow. Without it (as in production) the server's clock decides, as before.
DROP FUNCTION ${requests}_reserve(integer, bigint);
CREATE FUNCTION ${requests}_reserve(lim integer, window_ms bigint, at_now_ms bigint DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    now_ms bigint := coalesce(at_now_ms, (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
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
