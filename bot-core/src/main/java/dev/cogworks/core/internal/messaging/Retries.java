package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.failsafe.Failsafe;
import dev.failsafe.spi.Scheduler;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The one retry loop of every messaging mode, on Failsafe: runs a request's attempts by the {@link
 * RetryPolicy}, waiting out the backoff on a scheduler (no thread sleeps), and counts the HTTP
 * tries spent for the dead-letter store.
 */
public final class Retries {
  private final RetryPolicy policy;
  private final Scheduler scheduler;

  /** {@code timers} waits out the backoffs; the first try runs on the caller's thread. */
  public Retries(RetryPolicy policy, ScheduledExecutorService timers) {
    this.policy = policy;
    this.scheduler = firstTryInline(timers);
  }

  /**
   * Failsafe starts even the first try of an asynchronous execution through its scheduler, with no
   * delay: a thread hop on every request. A request's first try only hands it to JDA (which never
   * blocks), so it runs at once on the submitting thread; only retries wait on {@code timers}.
   */
  private static Scheduler firstTryInline(ScheduledExecutorService timers) {
    return (callable, delay, unit) -> {
      if (delay > 0) {
        return timers.schedule(callable, delay, unit);
      }
      ScheduledFutureTask task = new ScheduledFutureTask(callable);
      task.run();
      return task;
    };
  }

  /** A task run at once, shaped as the scheduled future Failsafe expects. */
  private static final class ScheduledFutureTask extends FutureTask<Object>
      implements ScheduledFuture<Object> {
    @SuppressWarnings("unchecked")
    ScheduledFutureTask(Callable<?> callable) {
      super((Callable<Object>) callable);
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
    }
  }

  public RetryPolicy policy() {
    return policy;
  }

  /** Starts running {@code attempt} for {@code request}; the first try starts at once. */
  public <R> Run<R> run(DiscordRequest<R> request, Supplier<CompletableFuture<R>> attempt) {
    return run(request, attempt, () -> {});
  }

  /** As {@link #run(DiscordRequest, Supplier)}; {@code onRetry} hears each retry scheduled. */
  public <R> Run<R> run(
      DiscordRequest<R> request, Supplier<CompletableFuture<R>> attempt, Runnable onRetry) {
    Run<R> run = new Run<>(Instant.now());
    var builder = dev.failsafe.RetryPolicy.<R>builder();
    if (policy.initialBackoff().compareTo(policy.maxBackoff()) < 0) {
      builder.withBackoff(policy.initialBackoff(), policy.maxBackoff());
    } else {
      builder.withDelay(policy.initialBackoff()); // no room to grow: a fixed wait
    }
    dev.failsafe.RetryPolicy<R> retry =
        builder
            .handleIf((result, failure) -> failure != null && policy.retryable(request, failure))
            .abortIf((result, failure) -> failure != null && run.tries.get() >= policy.attempts())
            .withMaxAttempts(-1)
            .withJitter(RetryPolicy.JITTER)
            .onRetryScheduled(
                e -> {
                  run.waiting = true;
                  onRetry.run();
                })
            .build();
    run.result =
        Failsafe.with(retry)
            .with(scheduler)
            .getStageAsync(
                () -> {
                  run.waiting = false;
                  return attempt
                      .get()
                      .whenComplete(
                          (value, failure) ->
                              run.tries.addAndGet(failure == null ? 1 : policy.tries(failure)));
                });
    return run;
  }

  /** One request's attempts: their outcome, and whether it is waiting out a backoff now. */
  public static final class Run<R> {
    private final Instant firstAttemptAt;
    private final AtomicInteger tries = new AtomicInteger();
    private volatile boolean waiting;
    private CompletableFuture<R> result;

    private Run(Instant firstAttemptAt) {
      this.firstAttemptAt = firstAttemptAt;
    }

    /** Completes with the first success, or the last failure once no retry is left. */
    public CompletableFuture<R> result() {
      return result;
    }

    /** HTTP tries spent so far, JDA's own included. */
    public int tries() {
      return tries.get();
    }

    public Instant firstAttemptAt() {
      return firstAttemptAt;
    }

    /**
     * Stops a run that is waiting out a backoff (at shutdown, so the request can be kept rather
     * than lost); false when an attempt is running at Discord now, which must be let finish.
     */
    public boolean cancelIfWaiting() {
      return waiting && result.cancel(false);
    }
  }
}
