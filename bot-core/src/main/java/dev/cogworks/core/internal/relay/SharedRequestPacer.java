package dev.cogworks.core.internal.relay;

import dev.cogworks.core.internal.messaging.RequestPacer;
import java.time.Duration;

/** Paces a process's REST requests by the global budget its engine shares with all the others. */
public final class SharedRequestPacer implements RequestPacer {
  private final SharedRateLimits limits;

  public SharedRequestPacer(SharedRateLimits limits) {
    this.limits = limits;
  }

  @Override
  public Duration acquire() throws InterruptedException {
    Duration wait = limits.reserveGlobal();
    if (!wait.isZero() && !wait.isNegative()) {
      Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
    }
    return wait;
  }
}
