package dev.cogworks.core.internal.relay;

import dev.cogworks.api.messaging.DiscordRequest;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** A request waiting for its answer, and the timer that gives up on it. */
final class PendingAnswer {
  /** Rewritten when newer edits are merged into it, so a dead letter holds what was sent. */
  volatile DiscordRequest<?> request;

  final CompletableFuture<Object> future = new CompletableFuture<>();
  final Instant at;
  volatile ScheduledFuture<?> timeout;

  PendingAnswer(DiscordRequest<?> request, Instant at) {
    this.request = request;
    this.at = at;
  }
}
