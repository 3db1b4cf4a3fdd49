package dev.cogworks.core.internal.messaging;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps this process's REST requests under the global limit by the {@link GlobalWindow} rule. JDA
 * learns of Discord's global 50/s only from a 429; with this, a wide burst across many channels
 * never meets one.
 *
 * <p>A request's slot is taken when it goes ({@link GlobalWindow#takeNow}), not booked ahead:
 * booked slots assume each sleeper wakes on time, and on a busy machine one that wakes 40 ms late
 * sends inside the window of the requests booked a second after it; at exactly 50 requests a second
 * that is more than the window's 25 ms margin, and Discord answers 429. Waiters line up in arrival
 * order (a fair lock) and only the first sleeps on the window, so the order is kept without every
 * waiter waking for each free slot.
 */
public final class GlobalRequestPacer implements RequestPacer {
  private final GlobalWindow window;
  private final ReentrantLock turn = new ReentrantLock(true);

  public GlobalRequestPacer(int requestsPerSecond) {
    this.window = new GlobalWindow(requestsPerSecond, GlobalWindow.LOCAL_WINDOW_MILLIS);
  }

  /** Waits until this request may go; returns how long it waited. */
  @Override
  public Duration acquire() throws InterruptedException {
    long start = System.nanoTime();
    turn.lockInterruptibly();
    try {
      while (true) {
        // Monotonic milliseconds: a clock adjustment must not open or close the window.
        long wait = window.takeNow(System.nanoTime() / 1_000_000);
        if (wait <= 0) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
        Thread.sleep(wait);
      }
    } finally {
      turn.unlock();
    }
  }
}
