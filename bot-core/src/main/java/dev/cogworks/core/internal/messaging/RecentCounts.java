package dev.cogworks.core.internal.messaging;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Events counted per second over the last ten minutes (Discord's window for invalid requests), so
 * the last second, the last ten seconds and the last ten minutes can each be read without a lock. A
 * slot is reused once its second is ten minutes old; a read skips slots older than it asks for.
 */
public final class RecentCounts {
  public static final int SECONDS = 600;

  private final AtomicLongArray counts = new AtomicLongArray(SECONDS);
  private final AtomicLongArray stamps = new AtomicLongArray(SECONDS);
  private final LongSupplier clockMillis;

  public RecentCounts() {
    this(System::currentTimeMillis);
  }

  public RecentCounts(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
    for (int i = 0; i < SECONDS; i++) {
      stamps.set(i, -1);
    }
  }

  public void record() {
    long second = clockMillis.getAsLong() / 1000;
    int slot = (int) Math.floorMod(second, (long) SECONDS);
    long stamp = stamps.get(slot);
    if (stamp != second) {
      // The first event of a new second takes the slot over; a race here loses at most a count
      // or two in that second, never a whole window.
      if (stamps.compareAndSet(slot, stamp, second)) {
        counts.set(slot, 0);
      }
    }
    counts.incrementAndGet(slot);
  }

  /** Events in the last {@code seconds} seconds, this one included (at most ten minutes). */
  public long last(int seconds) {
    long now = clockMillis.getAsLong() / 1000;
    long total = 0;
    for (int back = 0; back < Math.min(seconds, SECONDS); back++) {
      long second = now - back;
      int slot = (int) Math.floorMod(second, (long) SECONDS);
      if (stamps.get(slot) == second) {
        total += counts.get(slot);
      }
    }
    return total;
  }
}
