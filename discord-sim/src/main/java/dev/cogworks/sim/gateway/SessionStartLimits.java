package dev.cogworks.sim.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Discord's session start limit, per application: {@code total} IDENTIFYs per 24 hours (the window
 * opens at the first one, as {@code reset_after} counts down from it), and at most one IDENTIFY per
 * 5 s in each bucket {@code shard_id % max_concurrency}. RESUMEs spend nothing. The day window
 * follows the simulator's clock so a test can move past it; the 5 s spacing follows real time, as
 * real clients space identifies with sleeps.
 */
public final class SessionStartLimits {
  static final Duration DAY = Duration.ofHours(24);

  /** What an IDENTIFY may do. */
  enum Admission {
    /** Start the session; one session start is spent. */
    ACCEPTED,
    /** Its bucket identified less than 5 s ago: op 9 Invalid Session, nothing spent. */
    TOO_SOON,
    /** No session start is left: the application's sessions end and its token is reset. */
    EXHAUSTED
  }

  /** The {@code session_start_limit} object of {@code GET /gateway/bot}. */
  public record Snapshot(int total, int remaining, long resetAfterMillis, int maxConcurrency) {}

  private static final class Budget {
    long windowStartMillis;
    int used;
    final Map<Integer, Long> lastIdentifyNanos = new HashMap<>();
  }

  private final GatewayLimits limits;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Map<Long, Budget> budgets = new HashMap<>();

  public SessionStartLimits(GatewayLimits limits, Clock clock) {
    this(limits, clock, System::nanoTime);
  }

  SessionStartLimits(GatewayLimits limits, Clock clock, LongSupplier nanoTime) {
    this.limits = limits;
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  synchronized Admission admit(long applicationId, int shardId) {
    Budget budget = current(applicationId);
    if (budget.used >= limits.sessionStartTotal()) {
      return Admission.EXHAUSTED;
    }
    int bucket = shardId % limits.maxConcurrency();
    long now = nanoTime.getAsLong();
    Long last = budget.lastIdentifyNanos.get(bucket);
    if (last != null && now - last < limits.identifySpacing().toNanos()) {
      return Admission.TOO_SOON;
    }
    if (budget.used == 0) {
      budget.windowStartMillis = clock.millis();
    }
    budget.used++;
    budget.lastIdentifyNanos.put(bucket, now);
    return Admission.ACCEPTED;
  }

  public synchronized Snapshot snapshot(long applicationId) {
    Budget budget = current(applicationId);
    long resetAfter =
        budget.used == 0
            ? 0
            : Math.max(0, budget.windowStartMillis + DAY.toMillis() - clock.millis());
    return new Snapshot(
        limits.sessionStartTotal(),
        limits.sessionStartTotal() - budget.used,
        resetAfter,
        limits.maxConcurrency());
  }

  /** The application's budget, refilled once its day has passed. */
  private Budget current(long applicationId) {
    Budget budget = budgets.computeIfAbsent(applicationId, id -> new Budget());
    if (budget.used > 0 && clock.millis() - budget.windowStartMillis >= DAY.toMillis()) {
      budget.used = 0;
    }
    return budget;
  }
}
