package dev.cogworks.core.internal.messaging;

import java.util.ArrayDeque;

/**
 * The rule of the global budget, the one rule every pacer follows: a request may go when no window
 * of {@code windowMillis} ending now holds {@code limit} requests already sent. A request that fits
 * goes at once, so pacing adds no latency below the limit. The window is a second plus a margin for
 * the time between taking a slot and Discord counting the request: 25 ms in one process ({@link
 * #LOCAL_WINDOW_MILLIS}), 40 ms where taking it crosses the network to a shared engine ({@link
 * #SHARED_WINDOW_MILLIS}).
 *
 * <p>This class is the rule for one process ({@link GlobalRequestPacer}). The relay's engines keep
 * the same rule where their processes share it — the {@code _take} function in PostgreSQL, the
 * {@code TAKE} script in Redis — because taking a slot must be atomic there; one contract test runs
 * the same cases against all three.
 */
public final class GlobalWindow {
  public static final long LOCAL_WINDOW_MILLIS = 1025;
  public static final long SHARED_WINDOW_MILLIS = 1040;

  private final int limit;
  private final long windowMillis;

  /** Send times, oldest first; never more than {@code limit}. */
  private final ArrayDeque<Long> recent = new ArrayDeque<>();

  public GlobalWindow(int limit, long windowMillis) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    this.limit = limit;
    this.windowMillis = windowMillis;
  }

  /**
   * Takes a slot for a request going at {@code nowMillis} if one is free at that moment and returns
   * 0; otherwise records nothing and returns how long until one may be. The slot is the moment the
   * request really goes, never a moment booked ahead: a caller that wakes late sends late, and the
   * requests after it are spaced from when it went.
   */
  public synchronized long takeNow(long nowMillis) {
    while (!recent.isEmpty() && recent.peekFirst() <= nowMillis - windowMillis) {
      recent.pollFirst();
    }
    if (recent.size() < limit) {
      recent.addLast(nowMillis);
      return 0;
    }
    return recent.peekFirst() + windowMillis - nowMillis;
  }
}
