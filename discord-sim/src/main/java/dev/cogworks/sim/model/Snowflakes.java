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

  /**
   * A new id for now, strictly greater than every id handed out before (after an id of the near
   * future, from {@link #nextOnShard}, it is that id plus one).
   */
  public long next() {
    return last.updateAndGet(prev -> Math.max(prev + 1, now()));
  }

  /**
   * A new id, strictly greater than every id handed out before, that Discord routes to shard {@code
   * shardId} of {@code shardCount}: {@code (id >> 22) % shardCount == shardId}. Its timestamp is
   * now, or up to {@code shardCount - 1} ms later.
   */
  public long nextOnShard(int shardId, int shardCount) {
    return last.updateAndGet(
        prev -> {
          long id = Math.max(prev + 1, now());
          long millis = id >>> 22;
          long ahead = Math.floorMod(shardId - millis, shardCount);
          return ahead == 0 ? id : (millis + ahead) << 22;
        });
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

  private static long now() {
    return (Instant.now().toEpochMilli() - DISCORD_EPOCH_MS) << 22;
  }

  public static Instant instantOf(long id) {
    return Instant.ofEpochMilli((id >>> 22) + DISCORD_EPOCH_MS);
  }
}
