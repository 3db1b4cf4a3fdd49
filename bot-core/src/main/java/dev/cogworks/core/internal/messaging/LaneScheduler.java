package dev.cogworks.core.internal.messaging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which lane goes next: the idle lanes with work, ordered by the priority and age of their head
 * request, minus those over the optional per-channel limit (they rejoin by timer when their window
 * allows). Not thread-safe: the queue calls it under its lock, and {@code rejoin} is how a timer
 * re-enters that lock.
 */
final class LaneScheduler {
  private static final Comparator<Lane> READY_ORDER =
      Comparator.<Lane>comparingInt(l -> l.head().priority().ordinal())
          .thenComparingLong(l -> l.head().sequence)
          .thenComparingLong(l -> l.routeKey);

  private final Map<Long, Lane> lanes = new HashMap<>();
  private final TreeSet<Lane> ready = new TreeSet<>(READY_ORDER);
  private final Set<Lane> inReady = new HashSet<>();
  private final InProcessTransport.ChannelLimit channelLimit;
  private final ScheduledExecutorService timers;
  private final java.util.function.Consumer<Lane> rejoin;

  /** {@code rejoin} is called from a timer thread and must take the queue's lock itself. */
  LaneScheduler(
      InProcessTransport.ChannelLimit channelLimit,
      ScheduledExecutorService timers,
      java.util.function.Consumer<Lane> rejoin) {
    this.channelLimit = channelLimit;
    this.timers = timers;
    this.rejoin = rejoin;
  }

  Lane lane(long routeKey) {
    return lanes.get(routeKey);
  }

  Collection<Lane> lanes() {
    return lanes.values();
  }

  void add(QueuedRequest request) {
    Lane lane = lanes.computeIfAbsent(request.routeKey(), Lane::new);
    unready(lane);
    lane.add(request);
    reready(lane);
  }

  boolean hasReady() {
    return !ready.isEmpty();
  }

  /** Takes the next request: its lane is busy until {@link #finished}. */
  QueuedRequest take() {
    Lane lane = ready.pollFirst();
    inReady.remove(lane);
    QueuedRequest next = lane.poll();
    lane.inFlight = next;
    if (channelLimit != null) {
      lane.started.addLast(System.nanoTime());
    }
    return next;
  }

  void finished(QueuedRequest request) {
    Lane lane = lanes.get(request.routeKey());
    if (lane == null) {
      return;
    }
    lane.inFlight = null;
    settle(lane);
  }

  /** Removes a waiting request (its deadline passed); false if it had already been taken. */
  boolean remove(QueuedRequest request) {
    Lane lane = lanes.get(request.routeKey());
    if (lane == null) {
      return false;
    }
    unready(lane);
    boolean removed = lane.remove(request);
    settle(lane);
    return removed;
  }

  /** Empties every lane; returns what was waiting. */
  List<QueuedRequest> clear() {
    List<QueuedRequest> waiting = new ArrayList<>();
    lanes.values().forEach(lane -> lane.waiting().forEach(waiting::add));
    lanes.clear();
    ready.clear();
    inReady.clear();
    return waiting;
  }

  /** Called by the timer that ends a lane's wait for its per-channel window. */
  void rejoined(Lane lane) {
    lane.windowTimerSet = false;
    if (lanes.get(lane.routeKey) == lane) {
      settle(lane);
    }
  }

  private void settle(Lane lane) {
    long wait = channelLimitWait(lane); // forgets starts that left the window
    if (lane.idle()) {
      unready(lane);
      lanes.remove(lane.routeKey);
    } else if (lane.inFlight == null && lane.head() == null) {
      // No work, but recent starts still count against the limit: keep the lane until they age
      // out, or a request arriving meanwhile would start a fresh window.
      scheduleRejoin(
          lane,
          wait > 0
              ? wait
              : lane.started.peekFirst() + channelLimit.per().toNanos() - System.nanoTime());
    } else {
      reready(lane);
    }
  }

  private void scheduleRejoin(Lane lane, long delayNanos) {
    if (!lane.windowTimerSet) {
      lane.windowTimerSet = true;
      timers.schedule(() -> rejoin.accept(lane), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }
  }

  // A lane must leave the ready set before its head changes: the set is ordered by the head.
  private void unready(Lane lane) {
    if (inReady.remove(lane)) {
      ready.remove(lane);
    }
  }

  private void reready(Lane lane) {
    if (lane.inFlight != null || lane.head() == null) {
      return;
    }
    unready(lane);
    long wait = channelLimitWait(lane);
    if (wait > 0) {
      scheduleRejoin(lane, wait);
      return;
    }
    ready.add(lane);
    inReady.add(lane);
  }

  private long channelLimitWait(Lane lane) {
    if (channelLimit == null) {
      return 0;
    }
    long now = System.nanoTime();
    long window = channelLimit.per().toNanos();
    while (!lane.started.isEmpty() && now - lane.started.peekFirst() >= window) {
      lane.started.pollFirst();
    }
    return lane.started.size() < channelLimit.requests()
        ? 0
        : lane.started.peekFirst() + window - now;
  }
}
