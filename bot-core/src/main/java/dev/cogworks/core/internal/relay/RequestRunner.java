package dev.cogworks.core.internal.relay;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.core.internal.messaging.DiscordErrors;
import dev.cogworks.core.internal.messaging.RequestTimeoutException;
import dev.cogworks.core.internal.messaging.Retries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed request at Discord (through the worker's caches, retrying as the retry policy
 * says) and says how to settle it: with its answer, a success or a typed error (an {@code internal}
 * one when the answer cannot be built); dropped, when past its deadline or unreadable with nobody
 * to tell; or handed back, when it may not start. It waits first for a bucket another worker saw
 * emptied. Nothing here blocks; the returned future never fails.
 */
final class RequestRunner<H> {
  private static final Logger log = LoggerFactory.getLogger(RequestRunner.class);

  /** What a run came to: the result or the failure, after {@code tries} tries. */
  private record Ran(Object value, Throwable failure, int tries) {}

  private final String workerId;
  private final WorkerCaches caches;
  private final Retries retries;
  private final Clock clock;
  private final WorkerMeters meters;
  private final Predicate<ClaimedRequest<H>> mayStart;

  /** Requests waiting for a bucket's reset before their first try. */
  private final Set<CompletableFuture<Void>> waiting = ConcurrentHashMap.newKeySet();

  /** {@code mayStart} is asked just before a request's first try. */
  RequestRunner(
      String workerId,
      WorkerCaches caches,
      Retries retries,
      Clock clock,
      WorkerMeters meters,
      Predicate<ClaimedRequest<H>> mayStart) {
    this.workerId = workerId;
    this.caches = caches;
    this.retries = retries;
    this.clock = clock;
    this.meters = meters;
    this.mayStart = mayStart;
  }

  CompletableFuture<Settlement> run(ClaimedRequest<H> claimed) {
    WireRequest wire;
    try {
      wire = WireRequest.fromJson(claimed.json());
    } catch (WireRequest.InvalidWireRequest e) {
      meters.outcome("invalid");
      log.warn("Gateway worker {}: unreadable request: {}", workerId, e.getMessage());
      if (e.requestId() == null || e.replyTo() == null) {
        return CompletableFuture.completedFuture(Settlement.DROP);
      }
      return CompletableFuture.completedFuture(
          new Settlement.Answer(
              WireResponse.failure(
                  e.requestId(), e, clock.instant(), claimed.deliveries(), workerId)));
    }
    if (expired(wire)) {
      return CompletableFuture.completedFuture(Settlement.DROP);
    }
    return due(claimed, wire)
        .thenCompose(
            ignored -> {
              if (!mayStart.test(claimed)) {
                return CompletableFuture.completedFuture(Settlement.HAND_BACK);
              }
              return attempts(wire, claimed).thenApply(r -> settlement(wire, r));
            })
        .exceptionally(failure -> internal(wire, failure, 1));
  }

  /** Now, or when the bucket another worker emptied resets (Discord takes the next one then). */
  private CompletableFuture<Void> due(ClaimedRequest<H> claimed, WireRequest wire) {
    Instant blockedUntil = claimed.blocked().get(Buckets.of(wire.request()));
    // Rounded up: a request a fraction of a millisecond early meets the bucket still empty.
    long wait =
        blockedUntil == null
            ? 0
            : (Duration.between(clock.instant(), blockedUntil).toNanos() + 999_999) / 1_000_000;
    if (wait <= 0) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> due = new CompletableFuture<>();
    waiting.add(due);
    due.whenComplete((ignored, failure) -> waiting.remove(due));
    return due.completeOnTimeout(null, wait, TimeUnit.MILLISECONDS);
  }

  /** Ends every wait for a bucket at once: those requests are asked whether they may start. */
  void endWaits() {
    waiting.forEach(due -> due.complete(null));
  }

  private Settlement settlement(WireRequest wire, Ran ran) {
    if (ran.failure() == null) {
      try {
        WireResponse answer =
            WireResponse.success(
                wire.request(),
                wire.requestId(),
                ran.value(),
                clock.instant(),
                ran.tries(),
                workerId);
        meters.outcome("success");
        return new Settlement.Answer(answer);
      } catch (RuntimeException e) {
        return internal(wire, e, ran.tries());
      }
    }
    Throwable cause = DiscordErrors.unwrap(ran.failure());
    if (cause instanceof RequestTimeoutException) {
      return Settlement.DROP;
    }
    meters.outcome("error");
    return new Settlement.Answer(
        WireResponse.failure(wire.requestId(), cause, clock.instant(), ran.tries(), workerId));
  }

  /** Something after the request ran failed here: the bot hears it as an {@code internal} error. */
  private Settlement internal(WireRequest wire, Throwable failure, int tries) {
    meters.outcome("internal");
    log.warn(
        "Gateway worker {}: request {} ({}) failed after it ran: {}",
        workerId,
        wire.requestId(),
        wire.action(),
        failure.toString());
    return new Settlement.Answer(
        WireResponse.failure(
            wire.requestId(),
            new RelayException("the worker could not build the answer: " + failure, failure),
            clock.instant(),
            tries,
            workerId));
  }

  /** A request past its deadline is not sent: the bot has already told the cog it timed out. */
  private boolean expired(WireRequest wire) {
    Instant now = clock.instant();
    if (!now.isAfter(wire.deadline())) {
      return false;
    }
    meters.outcome("expired");
    log.warn(
        "Request {} ({} on {}) expired {} ms before a worker could start it; not sent",
        wire.requestId(),
        wire.action(),
        wire.request().routeKey(),
        Duration.between(wire.deadline(), now).toMillis());
    return true;
  }

  /** Runs the request by the one retry policy; a try past the deadline is not sent. */
  private CompletableFuture<Ran> attempts(WireRequest wire, ClaimedRequest<H> claimed) {
    @SuppressWarnings("unchecked")
    DiscordRequest<Object> request = (DiscordRequest<Object>) wire.request();
    Retries.Run<Object> run =
        retries.run(
            request,
            () -> {
              if (expired(wire)) {
                return CompletableFuture.failedFuture(
                    new RequestTimeoutException("deadline passed"));
              }
              return caches
                  .execute(request)
                  .handle(
                      (value, failure) -> {
                        if (failure == null) {
                          return CompletableFuture.completedFuture((Object) value);
                        }
                        Throwable cause = DiscordErrors.unwrap(failure);
                        return takenOverDelete(request, claimed, cause)
                            ? CompletableFuture.completedFuture(null)
                            : CompletableFuture.<Object>failedFuture(cause);
                      })
                  .thenCompose(outcome -> outcome);
            });
    return run.result().handle((value, failure) -> new Ran(value, failure, run.tries()));
  }

  /**
   * A delete taken over from a dead worker may already have been carried out by it; "unknown
   * message" then means it worked.
   */
  private static boolean takenOverDelete(
      DiscordRequest<?> request, ClaimedRequest<?> claimed, Throwable cause) {
    return claimed.deliveries() > 1
        && request instanceof DiscordRequest.DeleteMessage
        && cause instanceof DiscordRequestException e
        && e.code() == DiscordRequestException.UNKNOWN_MESSAGE;
  }
}
