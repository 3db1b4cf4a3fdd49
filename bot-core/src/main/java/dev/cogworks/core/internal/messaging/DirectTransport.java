package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.QueueFullException;
import dev.cogworks.core.internal.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code messaging.mode = direct}: each request runs through the executor as soon as the previous
 * request of its channel (or guild) is done, retried by the policy. Chaining per route key keeps
 * each channel's requests in the order they were submitted, which JDA alone does not promise while
 * it is still learning a new bucket. The chains are the only queue: at most {@code maxWaiting}
 * requests wait behind their channel's previous one (plus the CRITICAL reserve of {@link
 * QueueBound}); past that a submission is refused.
 *
 * <p>A channel's order is kept on futures of this class's own, never on the one handed to the
 * caller, so a caller cancelling or completing its future cannot let the next request overtake.
 */
public final class DirectTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(DirectTransport.class);

  private enum State {
    WAITING,
    RUNNING,
    KEPT,
    MOVED
  }

  private final RequestExecutor executor;
  private final Retries retries;
  private final ScheduledThreadPoolExecutor timers;
  private final FailureSink failures;
  private final QueueBound bound;
  private final Map<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
  private final Set<Entry<?>> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean closing;

  public DirectTransport(
      RequestExecutor executor, RetryPolicy retry, FailureSink failures, int maxWaiting) {
    this.executor = executor;
    this.failures = failures;
    this.bound = new QueueBound(maxWaiting);
    this.timers = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("cogworks-retries"));
    timers.setRemoveOnCancelPolicy(true);
    this.retries = new Retries(retry, timers);
  }

  /** One request: what the caller waits for, and when its channel may move on. */
  private static final class Entry<R> {
    final DiscordRequest<R> request;
    final CompletableFuture<R> result = new CompletableFuture<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
    final long sequence;
    volatile Retries.Run<R> run;

    Entry(DiscordRequest<R> request, long sequence) {
      this.request = request;
      this.sequence = sequence;
    }
  }

  @Override
  public <R> CompletableFuture<R> submit(DiscordRequest<R> request) {
    if (closing) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the bot is stopping; the request was not sent"));
    }
    if (!bound.admits(waiting.getAndIncrement(), request.priority())) {
      waiting.decrementAndGet();
      return CompletableFuture.failedFuture(
          new QueueFullException(
              "too many requests wait for their channel (" + bound.max() + "); try again shortly"));
    }
    Entry<R> entry = new Entry<>(request, sequence.incrementAndGet());
    live.add(entry);
    if (closing) {
      // Raced with handOver: whoever flips the entry's state owns it. If handOver took it, the
      // next transport completes its future; else it is refused like any late submission.
      if (entry.state.compareAndSet(State.WAITING, State.MOVED)) {
        waiting.decrementAndGet();
        settle(entry);
        return CompletableFuture.failedFuture(
            new IllegalStateException("the messaging mode is switching; the request was not sent"));
      }
      return entry.result;
    }
    long key = request.routeKey();
    CompletableFuture<Void> previous = tails.put(key, entry.done);
    if (previous == null) {
      start(entry);
    } else {
      previous.whenComplete((ignored, failure) -> start(entry));
    }
    // Forget the channel once its last request is done, so idle channels cost nothing.
    entry.done.whenComplete((ignored, failure) -> tails.remove(key, entry.done));
    return entry.result;
  }

  private <R> void start(Entry<R> entry) {
    if (!entry.state.compareAndSet(State.WAITING, State.RUNNING)) {
      settle(entry); // kept at shutdown: its successors are kept too, so let them pass
      return;
    }
    waiting.decrementAndGet();
    DiscordRequest<R> request = entry.request;
    entry.run = retries.run(request, () -> executor.execute(request));
    entry
        .run
        .result()
        .whenComplete(
            (value, failure) -> {
              if (failure == null) {
                entry.result.complete(value);
              } else if (failure instanceof CancellationException
                  && entry.state.get() == State.KEPT) {
                entry.result.completeExceptionally(kept());
              } else if (failure instanceof CancellationException
                  && entry.state.get() == State.MOVED) {
                // handed over in its backoff: the next transport completes its caller
              } else {
                Throwable cause = DiscordErrors.unwrap(failure);
                log.warn(
                    "Request {} on {} failed after {} tries: {}",
                    request.action(),
                    request.routeKey(),
                    entry.run.tries(),
                    cause.getMessage());
                failures.failed(request, cause, entry.run.tries(), entry.run.firstAttemptAt());
                entry.result.completeExceptionally(cause);
              }
              settle(entry);
            });
  }

  private void settle(Entry<?> entry) {
    live.remove(entry);
    entry.done.complete(null);
  }

  private static RequestTimeoutException kept() {
    return new RequestTimeoutException(
        "not sent before the bot stopped; kept and sent after the next start");
  }

  /** Requests waiting behind their channel's previous one. */
  public int waiting() {
    return waiting.get();
  }

  /**
   * Stops taking requests and lets the chains run out, up to {@code deadline}. Requests that never
   * started, and those waiting out a retry's backoff, are returned (in submission order per
   * channel) to be kept for the next start; their callers are told so. A request running at Discord
   * is left to finish.
   */
  @Override
  public List<DiscordRequest<?>> close(Duration deadline) {
    closing = true;
    long end = System.nanoTime() + deadline.toNanos();
    while (!live.isEmpty() && System.nanoTime() < end) {
      CompletableFuture<?>[] running =
          live.stream().map(e -> e.done).toArray(CompletableFuture[]::new);
      try {
        CompletableFuture.allOf(running).get(end - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    List<Entry<?>> left = new ArrayList<>();
    for (Entry<?> entry : List.copyOf(live)) {
      if (entry.state.compareAndSet(State.WAITING, State.KEPT)) {
        waiting.decrementAndGet();
        entry.result.completeExceptionally(kept());
        left.add(entry);
      } else if (entry.state.get() == State.RUNNING && keptInBackoff(entry)) {
        left.add(entry);
      }
    }
    if (!left.isEmpty()) {
      log.warn(
          "{} request(s) not sent before the shutdown deadline are kept for the next start",
          left.size());
    }
    timers.shutdownNow();
    return left.stream()
        .sorted(Comparator.comparingLong(e -> e.sequence))
        .<DiscordRequest<?>>map(e -> e.request)
        .toList();
  }

  /**
   * Stops taking requests and hands over those waiting for their channel, and those waiting out a
   * retry's backoff, with their callers' futures, in submission order. A waiting request's chain
   * lets it pass without running, so the requests behind a running one wait for it only to learn
   * they moved.
   */
  @Override
  @SuppressWarnings("unchecked")
  public List<MovedRequest> handOver() {
    closing = true;
    List<Entry<?>> moved = new ArrayList<>();
    for (Entry<?> entry : List.copyOf(live)) {
      if (entry.state.compareAndSet(State.WAITING, State.MOVED)) {
        waiting.decrementAndGet();
        live.remove(entry);
        moved.add(entry);
      } else if (entry.state.get() == State.RUNNING && inBackoff(entry, State.MOVED)) {
        moved.add(entry);
      }
    }
    return moved.stream()
        .sorted(Comparator.comparingLong(e -> e.sequence))
        .map(e -> new MovedRequest(e.request, (CompletableFuture<Object>) e.result))
        .toList();
  }

  @Override
  public CompletableFuture<Void> drained() {
    return CompletableFuture.allOf(
        live.stream().map(e -> e.done).toArray(CompletableFuture[]::new));
  }

  private static boolean keptInBackoff(Entry<?> entry) {
    return inBackoff(entry, State.KEPT);
  }

  /** Cancels the entry's retry if it is waiting out a backoff, marking it {@code as}. */
  private static boolean inBackoff(Entry<?> entry, State as) {
    Retries.Run<?> run = entry.run;
    if (run == null) {
      return false;
    }
    entry.state.set(as);
    if (run.cancelIfWaiting()) {
      return true;
    }
    entry.state.set(State.RUNNING);
    return false;
  }
}
