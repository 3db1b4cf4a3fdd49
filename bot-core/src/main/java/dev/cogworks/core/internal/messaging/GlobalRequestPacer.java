package dev.cogworks.core.internal.messaging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the bot's REST requests under the global limit: no window of one second (plus a margin)
 * ever holds more than {@code requestsPerSecond} sends. JDA learns of Discord's global 50/s only
 * from a 429; with this, a wide burst across many channels never meets one. A request that fits
 * goes at once, so pacing adds no latency below the limit; the margin absorbs the jitter between
 * when a request leaves here and when Discord counts it.
 */
public final class GlobalRequestPacer implements RequestPacer {
  private static final long WINDOW_NANOS =
      TimeUnit.SECONDS.toNanos(1) + TimeUnit.MILLISECONDS.toNanos(25);

  private final int limit;

  /** Send times of the most recent requests, oldest first; never more than {@code limit}. */
  private final ArrayDeque<Long> recent = new ArrayDeque<>();

  public GlobalRequestPacer(int requestsPerSecond) {
    if (requestsPerSecond < 1) {
      throw new IllegalArgumentException("requestsPerSecond must be at least 1");
    }
    this.limit = requestsPerSecond;
  }

  /** Waits until this request fits in the window; returns how long it waited. */
  @Override
  public Duration acquire() throws InterruptedException {
    long start = System.nanoTime();
    while (true) {
      long wait;
      synchronized (this) {
        long now = System.nanoTime();
        while (!recent.isEmpty() && now - recent.peekFirst() >= WINDOW_NANOS) {
          recent.pollFirst();
        }
        if (recent.size() < limit) {
          recent.addLast(now);
          return Duration.ofNanos(now - start);
        }
        wait = recent.peekFirst() + WINDOW_NANOS - now;
      }
      TimeUnit.NANOSECONDS.sleep(Math.max(wait, TimeUnit.MICROSECONDS.toNanos(100)));
    }
  }
}
