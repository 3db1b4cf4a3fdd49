package dev.cogworks.core.internal.relay;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles claimed requests in the engine so that none is left claimed: an answer (or drop) the
 * engine refuses is tried again with backoff; if it still cannot be written, the request is handed
 * back, which is tried until it works. Only when the worker is gone (stopped or crashed) does it
 * give up, and then the claim runs out with the worker's lease. Engine calls run on {@code io}.
 */
final class Settler<H> {
  private static final Logger log = LoggerFactory.getLogger(Settler.class);

  /** Tries at writing an answer before handing the request back. */
  private static final int WRITE_TRIES = 5;

  /** The wait before try {@code next}: 100 ms, doubling, at most 2 s (the engine, not Discord). */
  private static long backoffMillis(int next) {
    return Math.min(2000, 100L << Math.min(10, next - 2));
  }

  private final RelayInbox<H> inbox;
  private final Executor io;
  private final BooleanSupplier gone;
  private final WorkerMeters meters;

  Settler(RelayInbox<H> inbox, Executor io, BooleanSupplier gone, WorkerMeters meters) {
    this.inbox = inbox;
    this.io = io;
    this.gone = gone;
    this.meters = meters;
  }

  /** Completes with the channel's next request if the engine handed one over; never fails. */
  CompletableFuture<Optional<ClaimedRequest<H>>> settle(
      ClaimedRequest<H> request, Settlement settlement) {
    CompletableFuture<Optional<ClaimedRequest<H>>> done = new CompletableFuture<>();
    attempt(request, settlement, 1, done);
    return done;
  }

  private void attempt(
      ClaimedRequest<H> request,
      Settlement settlement,
      int attempt,
      CompletableFuture<Optional<ClaimedRequest<H>>> done) {
    if (gone.getAsBoolean()) {
      done.complete(Optional.empty());
      return;
    }
    try {
      io.execute(
          () -> {
            try {
              Optional<ClaimedRequest<H>> next = settlement.record(inbox, request);
              if (settlement instanceof Settlement.HandBack) {
                meters.outcome("handed_back");
              }
              done.complete(next);
            } catch (RuntimeException e) {
              failed(request, settlement, attempt, e, done);
            }
          });
    } catch (RejectedExecutionException e) {
      done.complete(Optional.empty()); // the worker is stopping: its lease will run out
    }
  }

  private void failed(
      ClaimedRequest<H> request,
      Settlement settlement,
      int attempt,
      RuntimeException failure,
      CompletableFuture<Optional<ClaimedRequest<H>>> done) {
    boolean handingBack = settlement instanceof Settlement.HandBack;
    if (!handingBack && attempt >= WRITE_TRIES) {
      log.warn(
          "Request {} ran, but its answer could not be stored after {} tries ({}); handing it back"
              + " to run again",
          request.handle(),
          attempt,
          failure.getMessage());
      attempt(request, Settlement.HAND_BACK, 1, done);
      return;
    }
    if (attempt == 1) {
      log.warn(
          "Cannot {} request {} ({}); trying again",
          handingBack ? "hand back" : "settle",
          request.handle(),
          failure.getMessage());
    }
    CompletableFuture.delayedExecutor(backoffMillis(attempt + 1), TimeUnit.MILLISECONDS)
        .execute(() -> attempt(request, settlement, attempt + 1, done));
  }
}
