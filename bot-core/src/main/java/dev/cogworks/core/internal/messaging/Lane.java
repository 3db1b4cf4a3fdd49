package dev.cogworks.core.internal.messaging;

import dev.cogworks.api.messaging.Priority;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;

/**
 * The requests of one channel (or guild): taken one at a time, highest priority first, in
 * submission order within a priority. A lane is a few objects, not a thread, so ten thousand busy
 * channels cost ten thousand small maps. Used only under the queue's lock.
 */
final class Lane {
  final long routeKey;
  private final Map<Priority, ArrayDeque<QueuedRequest>> waiting = new EnumMap<>(Priority.class);

  /** The request of this lane being executed (or waiting out a retry backoff), if any. */
  QueuedRequest inFlight;

  /** When this lane's recent requests started (nanoTime), for the optional per-channel limit. */
  final ArrayDeque<Long> started = new ArrayDeque<>();

  /** Whether a timer will put this lane back once the per-channel window allows. */
  boolean windowTimerSet;

  /** Requests waiting, kept as they come and go: the monitor reads it for every lane. */
  private int size;

  Lane(long routeKey) {
    this.routeKey = routeKey;
  }

  void add(QueuedRequest request) {
    waiting.computeIfAbsent(request.priority(), p -> new ArrayDeque<>()).addLast(request);
    size++;
  }

  /** The request this lane would hand out next, or null. */
  QueuedRequest head() {
    for (Priority priority : Priority.values()) {
      ArrayDeque<QueuedRequest> queue = waiting.get(priority);
      if (queue != null && !queue.isEmpty()) {
        return queue.peekFirst();
      }
    }
    return null;
  }

  QueuedRequest poll() {
    QueuedRequest head = head();
    if (head != null) {
      waiting.get(head.priority()).pollFirst();
      size--;
    }
    return head;
  }

  boolean remove(QueuedRequest request) {
    ArrayDeque<QueuedRequest> queue = waiting.get(request.priority());
    boolean removed = queue != null && queue.remove(request);
    if (removed) {
      size--;
    }
    return removed;
  }

  /** Waiting requests, by priority then order; for coalescing and snapshots. */
  Iterable<QueuedRequest> waiting() {
    java.util.List<QueuedRequest> all = new java.util.ArrayList<>();
    for (Priority priority : Priority.values()) {
      ArrayDeque<QueuedRequest> queue = waiting.get(priority);
      if (queue != null) {
        all.addAll(queue);
      }
    }
    return all;
  }

  int size() {
    return size;
  }

  int size(Priority priority) {
    ArrayDeque<QueuedRequest> queue = waiting.get(priority);
    return queue == null ? 0 : queue.size();
  }

  /** Nothing waiting or running; a lane still counting its window is kept for the limit. */
  boolean idle() {
    return inFlight == null && size() == 0 && started.isEmpty();
  }
}
