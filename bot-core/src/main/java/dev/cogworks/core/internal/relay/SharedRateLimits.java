package dev.cogworks.core.internal.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Discord's limits kept in the engine, so that several workers (and bots) on one token behave as
 * one client: a global budget of requests per second, and the buckets a worker saw emptied, which
 * another worker must wait out before its first request in that channel.
 */
public interface SharedRateLimits {
  /**
   * Takes a slot of the global budget for one request going now, if the budget has room at this
   * moment, and returns zero; otherwise takes nothing and returns how long until a slot may be free
   * (the caller waits that long and asks again: another process may have taken it meanwhile). Fails
   * with {@link RelayException} when the engine cannot be asked; the caller then paces itself,
   * never sends unpaced.
   */
  Duration takeGlobal();

  /** Workers whose lease is alive now; fails with {@link RelayException} when it cannot tell. */
  int liveWorkers();

  /** Records that {@code bucket} of {@code routeKey} is empty until {@code until}. */
  void block(long routeKey, String bucket, Instant until);

  /** The buckets of {@code routeKey} still empty now, with when they refill. */
  Map<String, Instant> blocked(long routeKey);
}
