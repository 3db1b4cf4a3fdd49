package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.DiscordRequest;
import dev.cogworks.api.messaging.Priority;
import dev.cogworks.api.messaging.QueueFullException;
import dev.cogworks.core.internal.concurrent.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code messaging.mode = in_process}: a bounded in-memory queue of per-channel lanes. One lane
 * runs one request at a time, so a channel's requests keep their order; lanes run in parallel up to
 * {@code processor_count} requests in flight; the next request taken is the highest-priority one
 * waiting at the head of any idle lane, oldest first ({@link LaneScheduler}). A waiting edit of a
 * message absorbs newer edits of it (coalescing). A full queue refuses at once; a request past its
 * deadline is never sent.
 *
 * <p>One dispatcher thread hands requests to the executor, whose calls are asynchronous, so the
 * thread count does not grow with channels or load.
 */
public final class InProcessTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(InProcessTransport.class);

  /** The queue's limits; {@code channelLimit} may be null (off). */
  public record Settings(
      int maxQueueSize, int processorCount, Duration requestTimeout, ChannelLimit channelLimit) {}

  /**
   * An optional proactive limit per channel on top of Discord's buckets: at most {@code requests}
   * started per {@code per} (the seed's "30 per minute").
   */
  public record ChannelLimit(int requests, Duration per) {}

  private final RequestExecutor executor;
  private final Retries retries;
  private final Settings settings;
  private final QueueBound bound;
  private final Clock clock;
  private final FailureSink failures;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ScheduledThreadPoolExecutor timers;
  private final LaneScheduler lanes;
  private final Thread dispatcher;
  private final QueueCounters counters = new QueueCounters();
  private long sequence;
  // Written under the lock; volatile so that stats() reads them without it.
  private volatile int queued;
  private volatile int inFlight;
  private final AtomicIntegerArray queuedByPriority =
      new AtomicIntegerArray(Priority.values().length);

  /** Taken and not finished: running at Discord, or waiting out a retry's backoff. */
  private final Set<QueuedRequest> taken = new HashSet<>();

  private volatile boolean paused;
  private boolean closing;
  private final CompletableFuture<Void> drained = new CompletableFuture<>();

  /** {@code retry} is the policy; the queue waits out its backoffs on its own timer thread. */
  public InProcessTransport(
      RequestExecutor executor,
      RetryPolicy retry,
      Settings settings,
      Clock clock,
      FailureSink failures) {
    this.executor = executor;
    this.settings = settings;
    this.bound = new QueueBound(settings.maxQueueSize());
    this.clock = clock;
    this.failures = failures;
    this.timers = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("cogworks-queue-timers"));
    // A request taken before its deadline cancels its expiry; the timer must not keep it.
    timers.setRemoveOnCancelPolicy(true);
    this.retries = new Retries(retry, timers);
    this.lanes = new LaneScheduler(settings.channelLimit(), timers, this::rejoin);
    this.dispatcher = new Thread(this::dispatchLoop, "cogworks-queue-dispatcher");
    dispatcher.setDaemon(true);
    dispatcher.start();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> CompletableFuture<R> submit(DiscordRequest<R> request) {
    if (request instanceof DiscordRequest.BatchUpdateMessages batch) {
      // A batch is its edits, each through the queue, and so coalesced like any edit.
      return (CompletableFuture<R>) BatchEdits.submit(batch, this::submit);
    }
    CompletableFuture<Object> caller = new CompletableFuture<>();
    QueuedRequest queuedRequest;
    lock.lock();
    try {
      if (closing) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("the messaging queue is shutting down"));
      }
      if (request instanceof DiscordRequest.EditMessage edit && coalesce(edit, caller)) {
        return (CompletableFuture<R>) caller;
      }
      if (!bound.admits(queued, request.priority())) {
        counters.rejected++;
        return CompletableFuture.failedFuture(
            new QueueFullException(
                "the messaging queue is full ("
                    + settings.maxQueueSize()
                    + " requests); try again shortly"));
      }
      var now = clock.instant();
      queuedRequest =
          new QueuedRequest(++sequence, request, now, now.plus(settings.requestTimeout()));
      queuedRequest.callers.add(caller);
      lanes.add(queuedRequest);
      queued++;
      queuedByPriority.incrementAndGet(request.priority().ordinal());
      counters.queued++;
      queuedRequest.expiry =
          timers.schedule(
              () -> expireIfWaiting(queuedRequest),
              settings.requestTimeout().toMillis(),
              TimeUnit.MILLISECONDS);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    return (CompletableFuture<R>) caller;
  }

  /** Merges an edit into a waiting edit of the same message ({@link EditMerge}). */
  private boolean coalesce(DiscordRequest.EditMessage edit, CompletableFuture<Object> caller) {
    Lane lane = lanes.lane(edit.routeKey());
    if (lane == null) {
      return false;
    }
    for (QueuedRequest waiting : lane.waiting()) {
      if (waiting.request instanceof DiscordRequest.EditMessage older
          && EditMerge.sameMessage(older, edit)) {
        waiting.request = EditMerge.merge(older, edit);
        waiting.callers.add(caller);
        counters.coalesced++;
        return true;
      }
    }
    return false;
  }

  private void dispatchLoop() {
    while (true) {
      QueuedRequest next;
      lock.lock();
      try {
        while (!(closing && queued == 0)
            && (paused || !lanes.hasReady() || inFlight >= settings.processorCount())) {
          changed.await();
        }
        if (closing && queued == 0) {
          return;
        }
        next = lanes.take();
        next.expiry.cancel(false);
        queued--;
        queuedByPriority.decrementAndGet(next.priority().ordinal());
        inFlight++;
        taken.add(next);
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      if (clock.instant().isAfter(next.deadline)) {
        failures.failed(next.request, timeout(next), 0, next.enqueuedAt);
        finish(next, null, timeout(next));
      } else {
        run(next);
      }
    }
  }

  private void run(QueuedRequest request) {
    @SuppressWarnings("unchecked")
    DiscordRequest<Object> work = (DiscordRequest<Object>) request.request;
    // The lane stays busy through every retry's backoff, so later requests keep their place.
    Retries.Run<Object> run =
        retries.run(work, () -> executor.execute(work), () -> count(() -> counters.retried++));
    request.run = run;
    run.result()
        .whenComplete(
            (value, failure) -> {
              if (failure == null) {
                finish(request, value, null);
              } else if (request.moved) {
                finish(request, null, null, false); // the next transport completes its callers
              } else if (request.kept) {
                finish(request, null, kept());
              } else {
                Throwable cause = DiscordErrors.unwrap(failure);
                log.warn(
                    "Request {} #{} on {} failed after {} tries: {}",
                    work.action(),
                    request.sequence,
                    request.routeKey(),
                    run.tries(),
                    cause.getMessage());
                failures.failed(work, cause, run.tries(), request.enqueuedAt);
                finish(request, null, cause);
              }
            });
  }

  private static RequestTimeoutException kept() {
    return new RequestTimeoutException(
        "not sent before the bot stopped; kept and sent after the next start");
  }

  private void finish(QueuedRequest request, Object value, Throwable failure) {
    finish(request, value, failure, true);
  }

  private void finish(QueuedRequest request, Object value, Throwable failure, boolean tell) {
    lock.lock();
    try {
      lanes.finished(request);
      taken.remove(request);
      inFlight--;
      if (!tell) {
        // moved to the next transport: counted there
      } else if (failure == null) {
        counters.completed++;
      } else if (!request.kept) {
        counters.failed++;
      }
      changed.signalAll();
      if (closing && inFlight == 0) {
        drained.complete(null);
      }
    } finally {
      lock.unlock();
    }
    if (!tell) {
      return;
    }
    if (failure == null) {
      request.complete(value);
    } else {
      request.fail(failure);
    }
  }

  private void expireIfWaiting(QueuedRequest request) {
    lock.lock();
    try {
      if (!lanes.remove(request)) {
        return; // already taken, or already gone
      }
      queued--;
      queuedByPriority.decrementAndGet(request.priority().ordinal());
      counters.expired++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    log.warn(
        "Request {} #{} on {} expired after waiting {}: not sent",
        request.request.action(),
        request.sequence,
        request.routeKey(),
        settings.requestTimeout());
    failures.failed(request.request, timeout(request), 0, request.enqueuedAt);
    request.fail(timeout(request));
  }

  private RequestTimeoutException timeout(QueuedRequest request) {
    return new RequestTimeoutException(
        request.request.action()
            + " on "
            + request.routeKey()
            + " waited longer than "
            + settings.requestTimeout()
            + " and was not sent");
  }

  private void rejoin(Lane lane) {
    lock.lock();
    try {
      lanes.rejoined(lane);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void count(Runnable update) {
    lock.lock();
    try {
      update.run();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Timers waiting to fire (expiries, backoffs, window rejoins); each finished request has none.
   */
  int scheduledTimers() {
    return timers.getQueue().size();
  }

  /** Stops handing out requests (in-flight ones finish); submissions still queue. */
  public void pause() {
    count(() -> paused = true);
  }

  @Override
  public boolean paused() {
    return paused;
  }

  public void resume() {
    lock.lock();
    try {
      paused = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sizes and counters without taking the queue's lock or walking its lanes: what metrics scrapes
   * and health checks read, however many channels are queued.
   */
  public QueueStats stats() {
    Map<Priority, Integer> byPriority = new EnumMap<>(Priority.class);
    for (Priority priority : Priority.values()) {
      byPriority.put(priority, queuedByPriority.get(priority.ordinal()));
    }
    return new QueueStats(queued, inFlight, paused, byPriority, counters);
  }

  /** The channels with the most requests waiting, at most {@code n}, and how many channels wait. */
  public record TopChannels(List<Map.Entry<Long, Integer>> top, int channels) {}

  /**
   * The busiest channels without building a map of every channel: one walk of the lanes with a
   * bounded heap, for the monitor's snapshot however many channels are queued.
   */
  public TopChannels topChannels(int n) {
    java.util.PriorityQueue<Map.Entry<Long, Integer>> heap =
        new java.util.PriorityQueue<>(n + 1, Map.Entry.comparingByValue());
    int channels = 0;
    lock.lock();
    try {
      for (Lane lane : lanes.lanes()) {
        int size = lane.size();
        if (size == 0) {
          continue;
        }
        channels++;
        if (heap.size() < n || heap.peek().getValue() < size) {
          heap.add(Map.entry(lane.routeKey, size));
          if (heap.size() > n) {
            heap.poll();
          }
        }
      }
    } finally {
      lock.unlock();
    }
    List<Map.Entry<Long, Integer>> top = new ArrayList<>(heap);
    top.sort(Map.Entry.<Long, Integer>comparingByValue().reversed());
    return new TopChannels(top, channels);
  }

  /** What is queued and running now, channel by channel, for the monitor. */
  public QueueSnapshot snapshot() {
    lock.lock();
    try {
      Map<Priority, Integer> byPriority = new EnumMap<>(Priority.class);
      Map<Long, Integer> byRoute = new HashMap<>();
      for (Lane lane : lanes.lanes()) {
        for (Priority priority : Priority.values()) {
          byPriority.merge(priority, lane.size(priority), Integer::sum);
        }
        if (lane.size() > 0) {
          byRoute.put(lane.routeKey, lane.size());
        }
      }
      return new QueueSnapshot(queued, inFlight, paused, byPriority, byRoute, counters.copy());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops taking requests and hands over what waits in the lanes, and what waits out a retry's
   * backoff, with every caller of each (coalesced edits keep all theirs), in submission order.
   */
  @Override
  public List<MovedRequest> handOver() {
    List<QueuedRequest> moved;
    lock.lock();
    try {
      closing = true;
      paused = false;
      moved = new ArrayList<>(lanes.clear());
      moved.forEach(r -> r.expiry.cancel(false));
      queued = 0;
      for (int i = 0; i < queuedByPriority.length(); i++) {
        queuedByPriority.set(i, 0);
      }
      // A copy: a cancelled backoff finishes at once, on this thread, leaving the set.
      for (QueuedRequest request : List.copyOf(taken)) {
        request.moved = true;
        if (request.run != null && request.run.cancelIfWaiting()) {
          moved.add(request);
        } else {
          request.moved = false; // running at Discord: it finishes here
        }
      }
      if (inFlight == 0) {
        drained.complete(null);
      }
      changed.signalAll(); // the dispatcher sees closing with nothing queued, and ends
    } finally {
      lock.unlock();
    }
    moved.sort(Comparator.comparingLong(r -> r.sequence));
    return moved.stream().map(InProcessTransport::handed).toList();
  }

  /** One future for the next transport to complete, completing every caller of {@code request}. */
  private static MovedRequest handed(QueuedRequest request) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    result.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            request.complete(value);
          } else {
            request.fail(failure);
          }
        });
    return new MovedRequest(request.request, result);
  }

  @Override
  public CompletableFuture<Void> drained() {
    return drained;
  }

  /**
   * Stops taking requests and lets the queue empty, up to {@code deadline}. Whatever is still
   * queued then is returned, to be kept and sent after the next start; its callers are told so.
   */
  @Override
  public List<DiscordRequest<?>> close(Duration deadline) {
    List<QueuedRequest> left;
    lock.lock();
    try {
      closing = true;
      paused = false;
      changed.signalAll();
      long end = System.nanoTime() + deadline.toNanos();
      while (queued + inFlight > 0) {
        long remaining = end - System.nanoTime();
        if (remaining <= 0) {
          break;
        }
        changed.awaitNanos(remaining);
      }
      left = new ArrayList<>(lanes.clear());
      left.forEach(r -> r.expiry.cancel(false));
      queued = 0;
      for (int i = 0; i < queuedByPriority.length(); i++) {
        queuedByPriority.set(i, 0);
      }
      // A copy: a cancelled backoff finishes at once, on this thread, leaving the set (iterating
      // the set itself threw ConcurrentModificationException with two requests in backoff).
      for (QueuedRequest request : List.copyOf(taken)) {
        // Waiting out a retry's backoff: kept like a queued one. Running at Discord: let it end.
        request.kept = true;
        if (request.run != null && request.run.cancelIfWaiting()) {
          left.add(request);
        } else {
          request.kept = false;
        }
      }
      changed.signalAll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      left = List.of();
    } finally {
      lock.unlock();
    }
    if (!left.isEmpty()) {
      log.warn(
          "{} queued request(s) not sent before the shutdown deadline are kept for the next start",
          left.size());
    }
    left.sort(Comparator.comparingLong(r -> r.sequence));
    left.stream().filter(r -> !r.kept).forEach(r -> r.fail(kept()));
    timers.shutdownNow();
    return left.stream().<DiscordRequest<?>>map(r -> r.request).toList();
  }
}
