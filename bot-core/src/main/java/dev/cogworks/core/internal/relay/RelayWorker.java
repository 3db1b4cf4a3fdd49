package dev.cogworks.core.internal.relay;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.DiscordRequestException;
import dev.cogworks.core.internal.concurrent.DaemonThreads;
import dev.cogworks.core.internal.messaging.DiscordErrors;
import dev.cogworks.core.internal.messaging.RequestExecutor;
import dev.cogworks.core.internal.messaging.RequestTimeoutException;
import dev.cogworks.core.internal.messaging.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway worker: takes requests from the engine, runs them through the same {@link
 * RequestExecutor} as every other mode (with the worker's caches and the shared rate limits), and
 * writes each answer back to the bot instance that asked. One thread claims; the requests run as
 * chains of futures, at most {@code concurrency} at once and one per channel at a time.
 */
public final class RelayWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RelayWorker.class);

  private final String id;
  private final RelayInbox queue;
  private final WorkerCaches caches;
  private final RetryPolicy retry;
  private final Duration claimWait;
  private final int concurrency;
  private final Clock clock;
  private final WorkerMeters meters;
  private final Semaphore capacity;
  private final Map<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
  // Engine calls block (JDBC, Redis round trips); they stay off JDA's threads.
  private final ExecutorService io =
      Executors.newFixedThreadPool(4, DaemonThreads.named("gateway-io"));
  private volatile boolean running;
  private Thread claimer;

  public RelayWorker(
      String id,
      RelayInbox queue,
      WorkerCaches caches,
      RetryPolicy retry,
      int concurrency,
      Duration lease,
      Clock clock,
      MeterRegistry registry) {
    this.id = id;
    this.queue = queue;
    this.caches = caches;
    this.retry = retry;
    this.concurrency = concurrency;
    this.claimWait = lease.dividedBy(3);
    this.clock = clock;
    this.capacity = new Semaphore(concurrency);
    this.meters = new WorkerMeters(registry);
  }

  public String id() {
    return id;
  }

  public WorkerCaches caches() {
    return caches;
  }

  public void start() {
    queue.start(id);
    running = true;
    claimer = new Thread(this::claimLoop, "gateway-claim-" + id);
    claimer.setDaemon(true);
    claimer.start();
    log.info("Gateway worker {} taking requests ({} at once)", id, concurrency);
  }

  private void claimLoop() {
    while (running) {
      int taken = 0;
      try {
        capacity.acquire();
        taken = 1 + capacity.drainPermits();
        List<ClaimedRequest> claimed = queue.claim(taken, claimWait);
        if (claimed.size() > taken) {
          throw new IllegalStateException(
              "the queue handed out " + claimed.size() + " requests for " + taken + " slots");
        }
        capacity.release(taken - claimed.size());
        taken = 0;
        claimed.forEach(this::dispatch);
      } catch (InterruptedException e) {
        capacity.release(taken);
        return;
      } catch (RuntimeException e) {
        capacity.release(taken);
        log.warn("Gateway worker {}: claiming failed: {}", id, e.getMessage());
      }
    }
  }

  /** Runs after the previous request of its channel or guild; holds one unit of capacity. */
  private void dispatch(ClaimedRequest claimed) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletableFuture<Void> previous = tails.put(claimed.routeKey(), done);
    Runnable go =
        () ->
            handle(claimed)
                .whenComplete(
                    (ignored, failure) -> {
                      if (failure != null) {
                        log.warn("Gateway worker {}: {}", id, failure.getMessage());
                      }
                      tails.remove(claimed.routeKey(), done);
                      capacity.release();
                      done.complete(null);
                    });
    if (previous == null) {
      go.run();
    } else {
      previous.whenComplete((ignored, failure) -> go.run());
    }
  }

  /** Answers one request, then the channel's next one if the engine handed it over. */
  private CompletableFuture<Void> handle(ClaimedRequest claimed) {
    WireRequest wire;
    try {
      wire = WireRequest.fromJson(claimed.json());
    } catch (WireRequest.InvalidWireRequest e) {
      meters.outcome("invalid");
      log.warn("Gateway worker {}: unreadable request: {}", id, e.getMessage());
      if (e.requestId() == null || e.replyTo() == null) {
        return finish(() -> queue.drop(claimed));
      }
      WireResponse answer =
          WireResponse.failure(e.requestId(), e, clock.instant(), claimed.deliveries(), id);
      return finish(() -> queue.complete(claimed, answer));
    }
    if (expired(wire, claimed)) {
      return finish(() -> queue.drop(claimed));
    }
    Instant blockedUntil = claimed.blocked().get(Buckets.of(wire.request()));
    long wait =
        blockedUntil == null ? 0 : Duration.between(clock.instant(), blockedUntil).toMillis();
    CompletableFuture<Object> result = new CompletableFuture<>();
    int[] tries = {0};
    if (wait > 0) {
      // Another worker emptied this bucket; its reset is when Discord takes the next request.
      CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS)
          .execute(() -> attempt(wire, claimed, 1, tries, result));
    } else {
      attempt(wire, claimed, 1, tries, result);
    }
    return result
        .handle(
            (value, failure) -> {
              if (failure == null) {
                meters.outcome("success");
                return WireResponse.success(
                    wire.request(), wire.requestId(), value, clock.instant(), tries[0], id);
              }
              Throwable cause = DiscordErrors.unwrap(failure);
              if (cause instanceof RequestTimeoutException) {
                return null;
              }
              meters.outcome("error");
              return WireResponse.failure(wire.requestId(), cause, clock.instant(), tries[0], id);
            })
        .thenCompose(
            answer ->
                answer == null
                    ? finish(() -> queue.drop(claimed))
                    : finish(() -> queue.complete(claimed, answer)));
  }

  /** A request past its deadline is not sent: the bot has already told the cog it timed out. */
  private boolean expired(WireRequest wire, ClaimedRequest claimed) {
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

  private void attempt(
      WireRequest wire,
      ClaimedRequest claimed,
      int attempt,
      int[] tries,
      CompletableFuture<Object> result) {
    if (expired(wire, claimed)) {
      result.completeExceptionally(new RequestTimeoutException("deadline passed"));
      return;
    }
    DiscordRequest<?> request = wire.request();
    tries[0] = attempt;
    caches
        .execute(request)
        .whenComplete(
            (value, failure) -> {
              if (failure == null) {
                result.complete(value);
                return;
              }
              Throwable cause = DiscordErrors.unwrap(failure);
              if (takenOverDelete(request, claimed, cause)) {
                result.complete(null);
              } else if (attempt < retry.attempts() && retry.retryable(cause)) {
                CompletableFuture.delayedExecutor(
                        retry.backoff(attempt + 1).toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> attempt(wire, claimed, attempt + 1, tries, result));
              } else {
                result.completeExceptionally(cause);
              }
            });
  }

  /**
   * A delete taken over from a dead worker may already have been carried out by it; "unknown
   * message" then means it worked.
   */
  private static boolean takenOverDelete(
      DiscordRequest<?> request, ClaimedRequest claimed, Throwable cause) {
    return claimed.deliveries() > 1
        && request instanceof DiscordRequest.DeleteMessage
        && cause instanceof DiscordRequestException e
        && e.code() == DiscordRequestException.UNKNOWN_MESSAGE;
  }

  /** Records the outcome in the engine, then runs the channel's next request if handed over. */
  private CompletableFuture<Void> finish(Supplier<Optional<ClaimedRequest>> record) {
    return CompletableFuture.supplyAsync(record, io)
        .thenCompose(
            next ->
                next.isPresent() ? handle(next.get()) : CompletableFuture.completedFuture(null));
  }

  /** Requests running now. */
  public int inFlight() {
    return concurrency - capacity.availablePermits();
  }

  /**
   * Stops claiming, lets the running requests finish (up to {@code deadline}) and leaves the
   * engine, handing back anything still held.
   */
  public void close(Duration deadline) {
    running = false;
    if (claimer != null) {
      claimer.interrupt();
    }
    try {
      if (capacity.tryAcquire(concurrency, deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        capacity.release(concurrency);
      } else {
        log.warn("Gateway worker {} stopping with {} request(s) unfinished", id, inFlight());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.close();
    io.shutdown();
    log.info("Gateway worker {} stopped", id);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  /** Dies on the spot, as a killed process would: no answers, no release, the lease runs out. */
  public void abandon() {
    running = false;
    if (claimer != null) {
      claimer.interrupt();
    }
    queue.abandon();
    io.shutdownNow();
  }

  /** Counts of outcomes, for tests and the closing figures. */
  public Map<String, Long> outcomes() {
    return meters.outcomes();
  }
}
