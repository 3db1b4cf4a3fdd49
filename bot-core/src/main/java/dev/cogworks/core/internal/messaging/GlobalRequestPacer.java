package dev.cogworks.core.internal.messaging;

import java.time.Duration;

/**
 * Keeps this process's REST requests under the global limit by the {@link GlobalWindow} rule. JDA
 * learns of Discord's global 50/s only from a 429; with this, a wide burst across many channels
 * never meets one.
 */
public final class GlobalRequestPacer implements RequestPacer {
  private final GlobalWindow window;

  public GlobalRequestPacer(int requestsPerSecond) {
    this.window = new GlobalWindow(requestsPerSecond, GlobalWindow.LOCAL_WINDOW_MILLIS);
  }

  /** Waits until this request's slot; returns how long it waited. */
  @Override
  public Duration acquire() throws InterruptedException {
    // Monotonic milliseconds: a clock adjustment must not open or close the window.
    long now = System.nanoTime() / 1_000_000;
    long wait = window.reserve(now) - now;
    if (wait > 0) {
      Thread.sleep(wait);
    }
    return Duration.ofMillis(wait);
  }
}
