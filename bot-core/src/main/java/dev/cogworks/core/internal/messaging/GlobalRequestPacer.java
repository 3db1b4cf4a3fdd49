package dev.cogworks.core.internal.messaging;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Spaces the bot's REST requests evenly so that no one-second window ever holds more than the
 * global limit. JDA learns of Discord's global 50/s only from a 429; pacing means a wide burst
 * across many channels never meets one. A small margin absorbs the jitter between when a request
 * leaves here and when Discord counts it.
 */
public final class GlobalRequestPacer {
  private static final long MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final long intervalNanos;
  private long nextSlot;

  public GlobalRequestPacer(int requestsPerSecond) {
    if (requestsPerSecond < 1) {
      throw new IllegalArgumentException("requestsPerSecond must be at least 1");
    }
    this.intervalNanos = (TimeUnit.SECONDS.toNanos(1) + MARGIN_NANOS) / requestsPerSecond;
    this.nextSlot = System.nanoTime();
  }

  /** Waits for this request's slot; returns how long it waited. */
  public Duration acquire() throws InterruptedException {
    long slot;
    synchronized (this) {
      long now = System.nanoTime();
      slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
    }
    long wait = slot - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
    return Duration.ofNanos(Math.max(0, wait));
  }
}
