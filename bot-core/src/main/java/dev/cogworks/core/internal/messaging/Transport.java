package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** How requests travel to the executor in one messaging mode. */
public interface Transport {
  <R> CompletableFuture<R> submit(DiscordRequest<R> request);

  /**
   * Stops taking requests and finishes what it holds, up to {@code deadline}; returns the requests
   * it never started, to be kept for the next start.
   */
  default List<DiscordRequest<?>> close(Duration deadline) {
    return List.of();
  }
}
