package dev.cogworks.core.internal.concurrent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Items that must run one at a time per key, in the order they were added: a queue per key, and a
 * mark on each key whose item is running. {@link #take} hands out only the heads of keys with
 * nothing running, oldest keys first, so one busy key never holds every slot while other keys wait;
 * {@link #finished} hands back the key's next item at once, already marked running. Thread-safe.
 */
public final class KeyedSequencer<T> {
  private final ToLongFunction<T> keyOf;
  private final Map<Long, ArrayDeque<T>> waiting = new LinkedHashMap<>();
  private final Set<Long> running = new HashSet<>();
  private int size;

  public KeyedSequencer(ToLongFunction<T> keyOf) {
    this.keyOf = keyOf;
  }

  /** Queues {@code item} behind the items of its key. */
  public synchronized void add(T item) {
    waiting.computeIfAbsent(keyOf.applyAsLong(item), k -> new ArrayDeque<>()).addLast(item);
    size++;
  }

  /** Up to {@code max} heads of keys with nothing running, now marked running. */
  public synchronized List<T> take(int max) {
    List<T> taken = new ArrayList<>();
    Iterator<Map.Entry<Long, ArrayDeque<T>>> queues = waiting.entrySet().iterator();
    while (queues.hasNext() && taken.size() < max) {
      Map.Entry<Long, ArrayDeque<T>> queue = queues.next();
      if (running.contains(queue.getKey())) {
        continue;
      }
      taken.add(queue.getValue().pollFirst());
      size--;
      running.add(queue.getKey());
      if (queue.getValue().isEmpty()) {
        queues.remove();
      }
    }
    return taken;
  }

  /**
   * The running item of {@code key} is done: the key's next item, now running, or empty (and the
   * key is free).
   */
  public synchronized Optional<T> finished(long key) {
    ArrayDeque<T> queue = waiting.get(key);
    if (queue == null) {
      running.remove(key);
      return Optional.empty();
    }
    T next = queue.pollFirst();
    size--;
    if (queue.isEmpty()) {
      waiting.remove(key);
    }
    return Optional.of(next);
  }

  /**
   * The running {@code item} did not finish: it goes back to the front of its key's queue, and the
   * key is free, so it is the next item of its key taken.
   */
  public synchronized void putBack(T item) {
    long key = keyOf.applyAsLong(item);
    waiting.computeIfAbsent(key, k -> new ArrayDeque<>()).addFirst(item);
    size++;
    running.remove(key);
  }

  /**
   * Removes the waiting items {@code which} selects and returns them, oldest of each key first.
   * Running items are not touched: their keys stay marked until {@link #finished}.
   */
  public synchronized List<T> remove(Predicate<T> which) {
    List<T> removed = new ArrayList<>();
    Iterator<ArrayDeque<T>> queues = waiting.values().iterator();
    while (queues.hasNext()) {
      ArrayDeque<T> queue = queues.next();
      queue.removeIf(
          item -> {
            if (which.test(item)) {
              removed.add(item);
              return true;
            }
            return false;
          });
      if (queue.isEmpty()) {
        queues.remove();
      }
    }
    size -= removed.size();
    return removed;
  }

  /** Items waiting (not running). */
  public synchronized int size() {
    return size;
  }
}
