package dev.cogworks.core.internal.relay;

import java.time.Instant;
import java.util.Map;

/**
 * A request a worker holds: its raw wire JSON (decoded by the worker, so a malformed one can still
 * be answered), the engine's handle to settle it ({@code H}: a row id on PostgreSQL, a stream entry
 * on Redis), its route key, how many times a worker has taken it (above 1: a takeover), and the
 * rate-limit buckets of its route key known to be empty.
 */
public record ClaimedRequest<H>(
    String json, H handle, long routeKey, int deliveries, Map<String, Instant> blocked) {
  public ClaimedRequest {
    blocked = Map.copyOf(blocked);
  }

  /** The same claim with the request's body as it now stands (edits merged into it). */
  public ClaimedRequest<H> withJson(String current) {
    return new ClaimedRequest<>(current, handle, routeKey, deliveries, blocked);
  }
}
