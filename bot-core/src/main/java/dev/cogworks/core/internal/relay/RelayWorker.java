package dev.cogworks.core.internal.relay;

import dev.cogworks.core.internal.concurrent.DaemonThreads;
import dev.cogworks.core.internal.messaging.RequestExecutor;
import dev.cogworks.core.internal.messaging.Retries;
import dev.cogworks.core.internal.messaging.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway worker: takes requests from the engine, runs them through the same {@link
 * RequestExecutor} as every other mode (with the worker's caches and the shared rate limits), and
 * settles each one in the engine: answered to the bot instance that asked, dropped, or handed back.
 * One thread claims; the requests run as chains of futures, at most {@code concurrency} at once.
 * The engine hands out one request per channel at a time, and after answering one, the channel's
 * next, which runs in the same chain.
 */
public final class RelayWorker<H> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RelayWorker.class);

  private enum State {
    RUNNING,
    /** Claims nothing more; requests not started yet are handed back. */
    STOPPING,
    /** Left the engine: nothing more is written; unsettled claims run out with the lease. */
    CLOSED,
    ABANDONED
  }

  /** The pause before handing back an edit that could not be sealed (the engine is away). */
  private static final long SEAL_RETRY_MS = 1000;

  /** How often a paused worker looks whether it may claim again. */
  private static final long PAUSED_POLL_MS = 200;

  private final String id;
  private final RelayInbox<H> inbox;
  private final WorkerCaches caches;
  private final Duration claimWait;
  private final int concurrency;
  private final WorkerMeters meters;
  private final Semaphore capacity;
  private final AtomicInteger active = new AtomicInteger();
  // Retries wait out their backoff here.
  private final ScheduledThreadPoolExecutor timers =
      new ScheduledThreadPoolExecutor(1, DaemonThreads.named("gateway-retries"));
  // Engine calls block (JDBC, Redis round trips); they stay off JDA's threads.
  private final ExecutorService io =
      Executors.newFixedThreadPool(4, DaemonThreads.named("gateway-io"));
  private final RequestRunner<H> runner;
  private final Settler<H> settler;
  private volatile State state = State.RUNNING;
  private volatile BooleanSupplier paused = () -> false;
  private Thread claimer;

  public RelayWorker(
      String id,
      RelayInbox<H> inbox,
      WorkerCaches caches,
      RetryPolicy retry,
      int concurrency,
      Duration lease,
      Clock clock,
      MeterRegistry registry) {
    this.id = id;
    this.inbox = inbox;
    this.caches = caches;
    this.concurrency = concurrency;
    this.claimWait = lease.dividedBy(3);
    this.capacity = new Semaphore(concurrency);
    this.meters = new WorkerMeters(registry);
    this.runner =
        new RequestRunner<>(
            id,
            caches,
            new Retries(retry, timers),
            clock,
            meters,
            request -> state == State.RUNNING && inbox.holds(request));
    this.settler =
        new Settler<>(inbox, io, () -> state == State.CLOSED || state == State.ABANDONED, meters);
  }

  public String id() {
    return id;
  }

  public WorkerCaches caches() {
    return caches;
  }

  /** Claims nothing while {@code paused} says so (the engine-wide pause); before {@link #start}. */
  public void pauseWith(BooleanSupplier paused) {
    this.paused = paused;
  }

  public void start() {
    inbox.start(id);
    claimer = new Thread(this::claimLoop, "gateway-claim-" + id);
    claimer.setDaemon(true);
    claimer.start();
    log.info("Gateway worker {} taking requests ({} at once)", id, concurrency);
  }

  private void claimLoop() {
    while (state == State.RUNNING) {
      int taken = 0;
      try {
        if (paused.getAsBoolean()) {
          // Paused by the operator: what runs finishes, nothing new is claimed.
          Thread.sleep(PAUSED_POLL_MS);
          continue;
        }
        capacity.acquire();
        taken = 1 + capacity.drainPermits();
        List<ClaimedRequest<H>> claimed = inbox.claim(taken, claimWait);
        if (claimed.size() > taken) {
          throw new IllegalStateException(
              "the engine handed out " + claimed.size() + " requests for " + taken + " slots");
        }
        capacity.release(taken - claimed.size());
        taken = 0;
        claimed.forEach(this::run);
      } catch (InterruptedException e) {
        capacity.release(taken);
        return;
      } catch (RuntimeException e) {
        capacity.release(taken);
        log.warn("Gateway worker {}: claiming failed: {}", id, e.getMessage());
      }
    }
  }

  /** Runs a request, then its channel's next ones as the engine hands them over; holds one unit. */
  private void run(ClaimedRequest<H> claimed) {
    active.incrementAndGet();
    chain(claimed)
        .whenComplete(
            (ignored, failure) -> {
              if (failure != null) {
                log.warn("Gateway worker {}: {}", id, failure.toString());
              }
              active.decrementAndGet();
              capacity.release();
            });
  }

  private CompletableFuture<Void> chain(ClaimedRequest<H> taken) {
    return sealed(taken)
        .thenCompose(
            ready ->
                ready.isEmpty()
                    ? settler.settle(taken, Settlement.HAND_BACK)
                    : runner
                        .run(ready.get())
                        .thenCompose(settlement -> settler.settle(ready.get(), settlement)))
        .thenCompose(
            next -> next.isPresent() ? chain(next.get()) : CompletableFuture.completedFuture(null));
  }

  /**
   * The request as it starts. An edit other edits may still be merged into is sealed first, off the
   * calling thread (an engine round trip). If the engine cannot be reached for that, running it as
   * claimed would put an older content of the message last (the edits merged into it are waiting
   * for it), so it is handed back after a pause instead: empty.
   */
  private CompletableFuture<Optional<ClaimedRequest<H>>> sealed(ClaimedRequest<H> claimed) {
    if (!inbox.merges(claimed)) {
      return CompletableFuture.completedFuture(Optional.of(claimed));
    }
    try {
      return CompletableFuture.supplyAsync(() -> Optional.of(inbox.seal(claimed)), io)
          .exceptionallyCompose(
              failure -> {
                log.warn(
                    "Gateway worker {}: cannot start request {} ({}); handing it back",
                    id,
                    claimed.handle(),
                    failure.getMessage());
                return CompletableFuture.supplyAsync(
                    Optional::empty,
                    CompletableFuture.delayedExecutor(SEAL_RETRY_MS, TimeUnit.MILLISECONDS));
              });
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(Optional.empty()); // stopping
    }
  }

  /** Requests claimed and not yet settled. */
  public int inFlight() {
    return active.get();
  }

  /**
   * Stops claiming and hands back what has not started; lets the running requests finish and their
   * answers be written, up to {@code deadline}; then leaves the engine. Requests still running at
   * Discord then are not handed back: another worker takes them when this worker's lease runs out,
   * so nobody runs them while they may still be running here.
   */
  public void close(Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    state = State.STOPPING;
    try {
      if (claimer != null) {
        claimer.interrupt();
        claimer.join(Math.max(1, deadline.toMillis()));
      }
      runner.endWaits();
      long left = Math.max(0, end - System.nanoTime());
      if (capacity.tryAcquire(concurrency, left, TimeUnit.NANOSECONDS)) {
        capacity.release(concurrency);
      } else {
        log.warn(
            "Gateway worker {} stopping with {} request(s) still running; their claims run out"
                + " with its lease",
            id,
            inFlight());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    state = State.CLOSED;
    inbox.close();
    io.shutdown();
    timers.shutdownNow();
    log.info("Gateway worker {} stopped", id);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  /** Dies on the spot, as a killed process would: no answers, no release, the lease runs out. */
  public void abandon() {
    state = State.ABANDONED;
    if (claimer != null) {
      claimer.interrupt();
    }
    inbox.abandon();
    io.shutdownNow();
    timers.shutdownNow();
  }

  /** Counts of outcomes, for tests and the closing figures. */
  public Map<String, Long> outcomes() {
    return meters.outcomes();
  }
}
