package dev.cogworks.core.internal.relay;

import java.util.Arrays;

/**
 * The arithmetic of a shared global budget: given the send times already reserved (ascending), the
 * earliest time a new request may go so that no window of one second (plus a 40 ms margin for the
 * jitter between reserving and Discord counting) holds more than {@code limit} requests.
 */
public final class GlobalWindow {
  public static final long WINDOW_MILLIS = 1040;

  private GlobalWindow() {}

  /** A reserved send time, and the reservations to keep (the latest {@code limit}). */
  public record Reservation(long at, long[] recent) {}

  public static Reservation reserve(long[] recent, long now, int limit) {
    long[] sorted = recent.clone();
    Arrays.sort(sorted);
    long at = now;
    if (sorted.length >= limit) {
      // The limit-th latest reservation must have left the window before this one goes.
      at = Math.max(now, sorted[sorted.length - limit] + WINDOW_MILLIS);
    }
    long[] kept = Arrays.copyOf(sorted, sorted.length + 1);
    kept[sorted.length] = at;
    Arrays.sort(kept);
    int from = Math.max(0, kept.length - limit);
    // Times that left the window long ago no longer matter either.
    while (from < kept.length - 1 && kept[from] <= now - WINDOW_MILLIS) {
      from++;
    }
    return new Reservation(at, Arrays.copyOfRange(kept, from, kept.length));
  }
}
