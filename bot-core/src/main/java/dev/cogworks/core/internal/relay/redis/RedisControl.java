package dev.cogworks.core.internal.relay.redis;

import dev.cogworks.core.internal.relay.EngineControl;
import dev.cogworks.core.internal.relay.RelayException;
import io.lettuce.core.ScoredValue;
import java.time.Instant;
import java.util.List;

/** The engine's live workers (their lease times in the alive set) and pause key on Redis. */
final class RedisControl implements EngineControl {
  private final RedisLink redis;
  private final RedisNames names;

  RedisControl(RedisLink redis, RedisNames names) {
    this.redis = redis;
    this.names = names;
  }

  @Override
  public List<WorkerLease> workers() {
    try {
      List<ScoredValue<String>> alive = redis.sync().zrangeWithScores(names.alive(), 0, -1);
      return alive.stream()
          .map(v -> new WorkerLease(v.getValue(), Instant.ofEpochMilli((long) v.getScore())))
          .toList();
    } catch (RuntimeException e) {
      throw new RelayException("cannot list the gateway's workers: " + e.getMessage(), e);
    }
  }

  @Override
  public void paused(boolean paused) {
    try {
      if (paused) {
        redis.sync().set(names.paused(), "1");
      } else {
        redis.sync().del(names.paused());
      }
    } catch (RuntimeException e) {
      throw new RelayException("cannot switch the gateway's pause: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean paused() {
    try {
      return redis.sync().exists(names.paused()) > 0;
    } catch (RuntimeException e) {
      throw new RelayException("cannot read the gateway's pause: " + e.getMessage(), e);
    }
  }
}
