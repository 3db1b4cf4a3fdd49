package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Priority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * A request waiting in (or taken from) the in-process queue, with everyone waiting for it: an edit
 * that newer edits were coalesced into completes every caller's future with the final result.
 * Mutable only under the queue's lock.
 */
final class QueuedRequest {
  final long sequence;
  final Instant enqueuedAt;
  final Instant deadline;
  DiscordRequest<?> request;

  /** The timer that expires it while it waits; cancelled once it is taken or gone. */
  ScheduledFuture<?> expiry;

  /** Its attempts once taken. */
  Retries.Run<?> run;

  /** Kept at shutdown while waiting out a retry's backoff: its cancellation is no failure. */
  volatile boolean kept;

  /** Handed over to the next transport while waiting out a retry's backoff (a mode switch). */
  volatile boolean moved;

  final List<CompletableFuture<Object>> callers = new ArrayList<>();

  QueuedRequest(long sequence, DiscordRequest<?> request, Instant enqueuedAt, Instant deadline) {
    this.sequence = sequence;
    this.request = request;
    this.enqueuedAt = enqueuedAt;
    this.deadline = deadline;
  }

  Priority priority() {
    return request.priority();
  }

  long routeKey() {
    return request.routeKey();
  }

  void complete(Object value) {
    callers.forEach(c -> c.complete(value));
  }

  void fail(Throwable failure) {
    callers.forEach(c -> c.completeExceptionally(failure));
  }
}
