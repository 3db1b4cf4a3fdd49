package dev.cogworks.core.internal.runtime;

import dev.cogworks.core.internal.messaging.GlobalRequestPacer;
import dev.cogworks.core.internal.messaging.RequestPacer;
import dev.cogworks.core.internal.relay.RelayEngine;
import dev.cogworks.core.internal.relay.SharedRequestPacer;
import java.time.Duration;

/**
 * The pacer JDA's rate limiter holds for the bot's own REST calls: the process's own budget, or,
 * while an external gateway's engine is open, the budget it shares with the workers. A mode switch
 * points it at the new mode's between the old transport's last call and the new one's first.
 */
final class SwitchingPacer implements RequestPacer {
  private final GlobalRequestPacer own;
  private final int perSecond;
  private volatile RequestPacer current;
  private RelayEngine engine;

  SwitchingPacer(int perSecond, RelayEngine engine) {
    this.perSecond = perSecond;
    this.own = new GlobalRequestPacer(perSecond);
    this.engine = engine;
    this.current = pacerFor(engine);
  }

  /**
   * Paces by {@code engine}'s shared budget, or by this process's own when null. When that is a
   * different budget, waits out one second (Discord's global window) first: the new budget knows
   * nothing of what the old path sent in its last second, and the two together could pass 50.
   */
  synchronized void use(RelayEngine next) throws InterruptedException {
    if (next == engine) {
      return;
    }
    engine = next;
    Thread.sleep(1000);
    current = pacerFor(next);
  }

  private RequestPacer pacerFor(RelayEngine engine) {
    return engine == null ? own : new SharedRequestPacer(engine.rateLimits(), perSecond);
  }

  @Override
  public Duration acquire() throws InterruptedException {
    return current.acquire();
  }
}
