package dev.cogworks.core.internal.relay.redis;

import dev.cogworks.core.internal.messaging.GlobalWindow;
import dev.cogworks.core.internal.relay.RelayException;
import dev.cogworks.core.internal.relay.SharedRateLimits;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared limits in Redis. The global budget is a sorted set of the send times still in the
 * window; one Lua script takes a slot atomically by the server's clock (the same rule as {@link
 * GlobalWindow#takeNow}). Its two keys share a hash tag on a cluster; a bucket's hash is only ever
 * touched alone, never in a script with the global budget.
 */
final class RedisRateLimits implements SharedRateLimits {
  private static final Logger log = LoggerFactory.getLogger(RedisRateLimits.class);

  /**
   * {@link GlobalWindow#takeNow}'s rule: 0 when a slot was free now and is taken, else the wait;
   * ARGV[3], when given, is the time to take at (tests).
   */
  static final String TAKE =
      "local now\n"
          + "if ARGV[3] then now = tonumber(ARGV[3]) else\n"
          + "  local t = redis.call('TIME')\n"
          + "  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
          + "end\n"
          + "local limit = tonumber(ARGV[1])\n"
          + "local window = tonumber(ARGV[2])\n"
          + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)\n"
          + "local n = redis.call('ZCARD', KEYS[1])\n"
          + "if n >= limit then\n"
          + "  local oldest = redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')\n"
          + "  return tonumber(oldest[2]) + window - now\n"
          + "end\n"
          + "local seq = redis.call('INCR', KEYS[2])\n"
          + "redis.call('ZADD', KEYS[1], now, tostring(now) .. ':' .. seq)\n"
          + "redis.call('PEXPIRE', KEYS[1], 60000)\n"
          + "return 0\n";

  private final RedisLink connection;
  private final RedisNames names;
  private final int perSecond;

  RedisRateLimits(RedisLink connection, RedisNames names, int perSecond) {
    this.connection = connection;
    this.names = names;
    this.perSecond = perSecond;
  }

  @Override
  public Duration takeGlobal() {
    return Duration.ofMillis(Math.max(0, take(null)));
  }

  /** The taking script, at {@code nowMillis} or, when null, by the server's clock. */
  long take(Long nowMillis) {
    String[] args =
        nowMillis == null
            ? new String[] {
              Integer.toString(perSecond), Long.toString(GlobalWindow.SHARED_WINDOW_MILLIS)
            }
            : new String[] {
              Integer.toString(perSecond),
              Long.toString(GlobalWindow.SHARED_WINDOW_MILLIS),
              Long.toString(nowMillis)
            };
    try {
      Long wait =
          connection
              .sync()
              .eval(
                  TAKE,
                  ScriptOutputType.INTEGER,
                  new String[] {names.global(), names.globalSequence()},
                  args);
      return wait;
    } catch (RuntimeException e) {
      throw new RelayException(
          "cannot take a slot of the shared global budget: " + e.getMessage(), e);
    }
  }

  @Override
  public int liveWorkers() {
    try {
      return Math.toIntExact(
          connection
              .sync()
              .zcount(
                  names.alive(),
                  io.lettuce.core.Range.create(
                      (double) System.currentTimeMillis(), Double.POSITIVE_INFINITY)));
    } catch (RuntimeException e) {
      throw new RelayException("cannot count the live workers: " + e.getMessage(), e);
    }
  }

  @Override
  public void block(long routeKey, String bucket, Instant until) {
    try {
      var sync = connection.sync();
      String key = names.buckets(routeKey);
      sync.hset(key, bucket, Long.toString(until.toEpochMilli()));
      sync.pexpire(key, Math.max(1000, Duration.between(Instant.now(), until).toMillis() + 60_000));
    } catch (RuntimeException e) {
      log.warn("Cannot share an emptied bucket: {}", e.getMessage());
    }
  }

  @Override
  public Map<String, Instant> blocked(long routeKey) {
    Map<String, Instant> blocked = new HashMap<>();
    try {
      Instant now = Instant.now();
      connection
          .sync()
          .hgetall(names.buckets(routeKey))
          .forEach(
              (bucket, until) -> {
                Instant at = Instant.ofEpochMilli(Long.parseLong(until));
                if (at.isAfter(now)) {
                  blocked.put(bucket, at);
                }
              });
    } catch (RuntimeException e) {
      log.warn("Cannot read shared buckets: {}", e.getMessage());
    }
    return blocked;
  }
}
