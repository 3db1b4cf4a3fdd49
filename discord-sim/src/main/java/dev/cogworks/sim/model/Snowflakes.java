package dev.cogworks.sim.model;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Discord-shaped ids: milliseconds since the Discord epoch in the top 42 bits, so ids sort by time
 * and carry their creation instant, which the 14-day bulk-delete rule and history paging rely on.
 */
public final class Snowflakes {
  public static final long DISCORD_EPOCH_MS = 1_420_070_400_000L;

  private final AtomicLong last = new AtomicLong();

  /** A new id for now, strictly greater than every id handed out before. */
  public long next() {
    return at(Instant.now());
  }

  /**
   * A new id whose timestamp is {@code instant}, unique among ids from this generator. Back-dated
   * ids (for "old" messages in tests) get the low bits of an increasing counter.
   */
  public long at(Instant instant) {
    long base = (instant.toEpochMilli() - DISCORD_EPOCH_MS) << 22;
    if (base >= last.get()) {
      return last.updateAndGet(prev -> Math.max(prev + 1, base));
    }
    // Back-dated: keep the time, vary the increment bits; collisions are vanishingly unlikely in a
    // simulator and are resolved by the caller's map anyway.
    return base | (last.incrementAndGet() & 0x3FFFFF);
  }

  public static Instant instantOf(long id) {
    return Instant.ofEpochMilli((id >>> 22) + DISCORD_EPOCH_MS);
  }
}
