package dev.cogworks.core.internal.messaging;

/**
 * Counts the invalid requests of this process in the last 10 minutes, as Discord does: answers 401,
 * 403 and 429 (a 429 of the "shared" scope aside, which is another client's doing). Discord
 * restricts an IP that makes 10,000 of them in 10 minutes. Kept in 600 one-second slots, so
 * counting and reading never lock and cost the same however busy the bot is.
 */
public final class InvalidRequests {
  /** Discord's limit per {@link #WINDOW_SECONDS}. */
  public static final int DISCORD_LIMIT = 10_000;

  public static final int WINDOW_SECONDS = 600;

  private final java.util.concurrent.atomic.AtomicLongArray counts =
      new java.util.concurrent.atomic.AtomicLongArray(WINDOW_SECONDS);
  private final java.util.concurrent.atomic.AtomicLongArray seconds =
      new java.util.concurrent.atomic.AtomicLongArray(WINDOW_SECONDS);

  /** Whether an answer with {@code status} (and 429 {@code scope}) counts as invalid. */
  public static boolean counts(int status, String scope) {
    return status == 401 || status == 403 || (status == 429 && !"shared".equals(scope));
  }

  void record(int status, String scope) {
    if (counts(status, scope)) {
      add(nowSecond());
    }
  }

  void add(long second) {
    int slot = (int) (second % WINDOW_SECONDS);
    long seen = seconds.get(slot);
    if (seen != second && seconds.compareAndSet(slot, seen, second)) {
      counts.set(slot, 0); // an old second's count: this slot starts afresh
    }
    counts.incrementAndGet(slot);
  }

  /** Invalid requests in the last 10 minutes. */
  public long lastTenMinutes() {
    return count(nowSecond());
  }

  long count(long now) {
    long total = 0;
    for (int slot = 0; slot < WINDOW_SECONDS; slot++) {
      if (now - seconds.get(slot) < WINDOW_SECONDS) {
        total += counts.get(slot);
      }
    }
    return total;
  }

  private static long nowSecond() {
    return System.nanoTime() / 1_000_000_000L;
  }
}
