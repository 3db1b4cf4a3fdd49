package dev.cogworks.core.internal.messaging;

import dev.cogworks.core.api.messaging.DiscordRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** How requests travel to the executor in one messaging mode. */
interface Transport {
  <R> CompletableFuture<R> submit(DiscordRequest<R> request);

  /** Stops taking requests and finishes what it holds, up to {@code deadline}. */
  default void close(Duration deadline) {}
}
