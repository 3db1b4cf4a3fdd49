package dev.cogworks.core.internal.relay;

import java.util.function.BooleanSupplier;

/**
 * The engine-wide pause as a worker's claim loop sees it: read from the engine at most once a
 * second, so checking it before every claim costs no round trip. An engine that cannot be read
 * leaves the last value (the claim itself will fail and say why).
 */
public final class PauseFlag {
  private static final long REFRESH_NANOS = 1_000_000_000L;

  private final BooleanSupplier read;
  private volatile boolean paused;
  private volatile long readAt = System.nanoTime() - REFRESH_NANOS;

  public PauseFlag(BooleanSupplier read) {
    this.read = read;
  }

  public boolean paused() {
    long now = System.nanoTime();
    if (now - readAt >= REFRESH_NANOS) {
      readAt = now;
      try {
        paused = read.getAsBoolean();
      } catch (RuntimeException e) {
        // keep the last value
      }
    }
    return paused;
  }
}
