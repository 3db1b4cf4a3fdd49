package dev.cogworks.role;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * At most one change of one role for one member per interval, the last wish winning: a wish while a
 * change runs, or within the interval after one, waits for the interval's end, and every wish made
 * meanwhile replaces it (each asker gets the outcome of the one that ran). Ten clicks in a second
 * thus cost Discord at most two calls, and the member ends with what they asked last.
 */
final class ChangeThrottle {
  record Key(long guildId, long userId, long roleId) {}

  /** Runs one wish: true gives the role, false takes it. */
  interface Change extends Function<Boolean, CompletableFuture<Outcome>> {}

  private static final class Slot {
    long lastChange = Long.MIN_VALUE;
    boolean running;

    /** The last wish made, running, waiting or applied within the interval. */
    Boolean latest;

    Boolean wish;
    Change change;
    CompletableFuture<Outcome> waiting;
  }

  private final long intervalNanos;
  private final ScheduledExecutorService timer;
  private final LongSupplier nanos;
  private final Map<Key, Slot> slots = new HashMap<>();

  ChangeThrottle(Duration interval, ScheduledExecutorService timer) {
    this(interval, timer, System::nanoTime);
  }

  ChangeThrottle(Duration interval, ScheduledExecutorService timer, LongSupplier nanos) {
    this.intervalNanos = interval.toNanos();
    this.timer = timer;
    this.nanos = nanos;
  }

  CompletableFuture<Outcome> submit(Key key, boolean add, Change change) {
    synchronized (this) {
      Slot slot = slots.computeIfAbsent(key, k -> new Slot());
      slot.latest = add;
      if (slot.waiting != null) {
        slot.wish = add;
        slot.change = change;
        return slot.waiting;
      }
      long wait = remaining(slot);
      if (!slot.running && wait <= 0) {
        slot.running = true;
        return run(key, slot, add, change);
      }
      slot.wish = add;
      slot.change = change;
      slot.waiting = new CompletableFuture<>();
      if (!slot.running) {
        schedule(key, slot, wait);
      }
      return slot.waiting;
    }
  }

  /**
   * A toggle: the opposite of the last wish for {@code key} while it runs, waits, or was applied
   * within the interval (Discord, and the click's event, may not show it yet), else of {@code
   * hasNow}. Deciding and queueing happen under one lock, so clicks handled on several threads at
   * once still alternate: five clicks are on, off, on, off, on, whatever their threads' timing.
   */
  CompletableFuture<Outcome> toggle(Key key, boolean hasNow, Change change) {
    synchronized (this) {
      Slot slot = slots.get(key);
      boolean has = slot != null && slot.latest != null ? slot.latest : hasNow;
      return submit(key, !has, change);
    }
  }

  /** The last wish for {@code key}, as {@link #toggle} starts from it. */
  synchronized Optional<Boolean> pending(Key key) {
    Slot slot = slots.get(key);
    return slot == null ? Optional.empty() : Optional.ofNullable(slot.latest);
  }

  private long remaining(Slot slot) {
    if (slot.lastChange == Long.MIN_VALUE) {
      return 0;
    }
    return slot.lastChange + intervalNanos - nanos.getAsLong();
  }

  private CompletableFuture<Outcome> run(Key key, Slot slot, boolean add, Change change) {
    CompletableFuture<Outcome> result;
    try {
      result = change.apply(add);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    return result.whenComplete(
        (outcome, failure) -> {
          synchronized (this) {
            slot.running = false;
            if (outcome != null && outcome.changed()) {
              slot.lastChange = nanos.getAsLong();
            } else if (slot.waiting == null) {
              slot.latest = null; // nothing changed: the member's own state tells
            }
            if (slot.waiting != null) {
              schedule(key, slot, remaining(slot));
            } else if (remaining(slot) <= 0 || slot.lastChange == Long.MIN_VALUE) {
              slots.remove(key);
            } else {
              timer.schedule(() -> forget(key, slot), remaining(slot), TimeUnit.NANOSECONDS);
            }
          }
        });
  }

  private synchronized void forget(Key key, Slot slot) {
    if (!slot.running && slot.waiting == null && remaining(slot) <= 0) {
      slots.remove(key, slot);
    }
  }

  private void schedule(Key key, Slot slot, long delayNanos) {
    timer.schedule(
        () -> {
          CompletableFuture<Outcome> waiting;
          boolean wish;
          Change change;
          synchronized (this) {
            waiting = slot.waiting;
            wish = slot.wish;
            change = slot.change;
            slot.waiting = null;
            slot.running = true;
          }
          run(key, slot, wish, change)
              .whenComplete(
                  (outcome, failure) -> {
                    if (failure != null) {
                      waiting.completeExceptionally(failure);
                    } else {
                      waiting.complete(outcome);
                    }
                  });
        },
        Math.max(0, delayNanos),
        TimeUnit.NANOSECONDS);
  }
}
