package dev.cogworks.core.internal.relay;

import java.util.function.Consumer;

/**
 * The engine's channel for {@link Invalidation}s, from the bot (which has the gateway) to every
 * worker: PostgreSQL's {@code LISTEN/NOTIFY} or Redis pub/sub. Delivery is at most once and only to
 * workers listening at the time, which is enough: a worker's caches only save calls, and what one
 * misses is at worst a call Discord answers (a 10008 for a deleted message) or a list kept until
 * its TTL. A worker that (re)connects drops its guild caches for that reason.
 */
public interface Invalidations {
  /** Publishes one invalidation; blocks for an engine round trip, throws RelayException. */
  void publish(Invalidation invalidation);

  /**
   * Delivers every invalidation published from now on to {@code listener}, on a thread of its own,
   * until the returned handle is closed; {@code connected} runs each time the subscription
   * (re)connects, before anything published after it is delivered.
   */
  AutoCloseable subscribe(Consumer<Invalidation> listener, Runnable connected);
}
