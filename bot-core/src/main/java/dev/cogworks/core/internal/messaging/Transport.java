package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** How requests travel to the executor in one messaging mode. */
public interface Transport {
  <R> CompletableFuture<R> submit(DiscordRequest<R> request);

  /** Whether an owner paused it (only queues can be paused). */
  default boolean paused() {
    return false;
  }

  /**
   * For a live mode switch: stops taking requests (a later {@link #submit} fails at once) and
   * returns, without waiting, every request it has not started, each with its caller's future, in
   * submission order (so each channel's order holds). A request waiting out a retry's backoff
   * counts as not started. What runs is left to finish: see {@link #drained}. Call {@link #close}
   * once drained, to free its threads.
   */
  default List<MovedRequest> handOver() {
    return List.of();
  }

  /**
   * Completes once nothing this transport started is still running; meaningful after {@link
   * #handOver}.
   */
  default CompletableFuture<Void> drained() {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Stops taking requests and finishes what it holds, up to {@code deadline}; returns the requests
   * it never started, to be kept for the next start.
   */
  default List<DiscordRequest<?>> close(Duration deadline) {
    return List.of();
  }
}
