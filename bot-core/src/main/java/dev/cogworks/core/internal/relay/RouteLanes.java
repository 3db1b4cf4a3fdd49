package dev.cogworks.core.internal.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Requests a worker has been given but not started, in a queue per route key, at most one running
 * per route key. Handing out only the heads keeps a busy channel (waiting out its bucket) from
 * taking every slot while other channels' requests wait behind it; a finished request's successor
 * is handed back at once.
 */
public final class RouteLanes {
  private final Map<Long, ArrayDeque<ClaimedRequest>> waiting = new LinkedHashMap<>();
  private final Set<Long> running = new HashSet<>();
  private int size;

  public synchronized void add(ClaimedRequest request) {
    waiting.computeIfAbsent(request.routeKey(), k -> new ArrayDeque<>()).add(request);
    size++;
  }

  /** Up to {@code max} heads of route keys with nothing running, oldest lanes first. */
  public synchronized List<ClaimedRequest> take(int max) {
    List<ClaimedRequest> taken = new ArrayList<>();
    Iterator<Map.Entry<Long, ArrayDeque<ClaimedRequest>>> lanes = waiting.entrySet().iterator();
    while (lanes.hasNext() && taken.size() < max) {
      Map.Entry<Long, ArrayDeque<ClaimedRequest>> lane = lanes.next();
      if (running.contains(lane.getKey())) {
        continue;
      }
      taken.add(lane.getValue().poll());
      size--;
      running.add(lane.getKey());
      if (lane.getValue().isEmpty()) {
        lanes.remove();
      }
    }
    return taken;
  }

  /** A request of {@code routeKey} finished: the next one of that key, now running, if any. */
  public synchronized Optional<ClaimedRequest> finished(long routeKey) {
    ArrayDeque<ClaimedRequest> lane = waiting.get(routeKey);
    if (lane == null) {
      running.remove(routeKey);
      return Optional.empty();
    }
    ClaimedRequest next = lane.poll();
    size--;
    if (lane.isEmpty()) {
      waiting.remove(routeKey);
    }
    return Optional.of(next);
  }

  /** Requests waiting (not running). */
  public synchronized int size() {
    return size;
  }
}
