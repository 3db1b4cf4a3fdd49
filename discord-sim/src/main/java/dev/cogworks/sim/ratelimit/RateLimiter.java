package dev.cogworks.sim.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces per-route buckets, the per-token global limit and the invalid-request ceiling. Each
 * bucket is a fixed window opened by its first request, which is how Discord's X-RateLimit-Reset
 * behaves: the count resets all at once when the window ends.
 *
 * <p>Reaching the invalid-request ceiling starts a Cloudflare ban of fixed length (about an hour on
 * Discord): it does not lift when the sliding count drops, only when the ban ends.
 */
public final class RateLimiter {
  private final Clock clock;
  private final Duration banDuration;
  private volatile RateLimitPolicy policy;
  private final Map<String, Window> buckets = new ConcurrentHashMap<>();
  private final Map<String, Window> globals = new ConcurrentHashMap<>();
  private final ArrayDeque<Long> invalidRequests = new ArrayDeque<>();
  private long bannedUntil = Long.MIN_VALUE;

  public RateLimiter(RateLimitPolicy policy, Clock clock, Duration banDuration) {
    this.policy = policy;
    this.clock = clock;
    this.banDuration = banDuration;
  }

  public Clock clock() {
    return clock;
  }

  public RateLimitPolicy policy() {
    return policy;
  }

  public void setPolicy(RateLimitPolicy policy) {
    this.policy = policy;
    reset();
  }

  public void reset() {
    buckets.clear();
    globals.clear();
    synchronized (invalidRequests) {
      invalidRequests.clear();
      bannedUntil = Long.MIN_VALUE;
    }
  }

  /**
   * Counts a request against the global limit of {@code identity} (a bot token) unless {@code
   * globalExempt}, then against the route's bucket for {@code majorResource}.
   */
  public RateLimitDecision acquire(
      String identity, String route, String majorResource, boolean globalExempt) {
    long now = clock.millis();
    RouteLimit limit = policy.forRoute(route);
    Window bucket =
        buckets.computeIfAbsent(
            identity + '|' + limit.bucket() + '|' + majorResource, key -> new Window());
    if (!globalExempt) {
      Window global = globals.computeIfAbsent(identity, key -> new Window());
      long retry = global.tryTake(now, policy.globalPerSecond(), 1000, 1);
      if (retry > 0) {
        return bucket.peek(now, limit, RateLimitDecision.Scope.GLOBAL, retry);
      }
    }
    long windowMillis = Math.max(1, limit.window().toMillis());
    long retry = bucket.tryTake(now, limit.limit(), windowMillis, 1);
    return bucket.peek(now, limit, retry > 0 ? RateLimitDecision.Scope.USER : null, retry);
  }

  /**
   * Takes {@code count} slots of a sub-limit (a route key of the policy that is not a route, such
   * as {@link RateLimitPolicy#COMMAND_CREATES}), all or none; no global limit. Returns 0 when
   * taken, else the milliseconds until its window resets.
   */
  public long takeSubLimit(String identity, String key, String majorResource, int count) {
    RouteLimit limit = policy.forRoute(key);
    Window window =
        buckets.computeIfAbsent(
            identity + '|' + limit.bucket() + '|' + majorResource, k -> new Window());
    return window.tryTake(
        clock.millis(), limit.limit(), Math.max(1, limit.window().toMillis()), count);
  }

  /**
   * The bucket state of a route without counting a request: what an injected 429 reports, since
   * Discord sends the route's headers with every 429.
   */
  public RateLimitDecision peek(
      String identity, String route, String majorResource, RateLimitDecision.Scope scope) {
    RouteLimit limit = policy.forRoute(route);
    Window bucket =
        buckets.computeIfAbsent(
            identity + '|' + limit.bucket() + '|' + majorResource, key -> new Window());
    return bucket.peek(clock.millis(), limit, scope, 0);
  }

  /**
   * Records an invalid request (401, 403, a non-shared 429, a 404 on a webhook) for the
   * Cloudflare-style ceiling; the one that reaches it starts the ban.
   */
  public void recordInvalid() {
    long now = clock.millis();
    synchronized (invalidRequests) {
      invalidRequests.addLast(now);
      expireInvalid(now);
      if (now >= bannedUntil && invalidRequests.size() >= policy.invalidRequestLimit()) {
        bannedUntil = now + banDuration.toMillis();
      }
    }
  }

  public int invalidCount() {
    synchronized (invalidRequests) {
      expireInvalid(clock.millis());
      return invalidRequests.size();
    }
  }

  /** Milliseconds until the ban lifts, or 0 when requests are not being refused. */
  public long banRemainingMillis() {
    synchronized (invalidRequests) {
      long now = clock.millis();
      return now < bannedUntil ? bannedUntil - now : 0;
    }
  }

  private void expireInvalid(long now) {
    long horizon = now - policy.invalidRequestWindow().toMillis();
    while (!invalidRequests.isEmpty() && invalidRequests.peekFirst() <= horizon) {
      invalidRequests.removeFirst();
    }
  }

  /** A fixed window: opened by the first request, reset all at once when it ends. */
  private static final class Window {
    private long start = Long.MIN_VALUE;
    private long length = 1;
    private int used;

    /** Takes {@code count} slots; returns 0 on success or the milliseconds until the reset. */
    synchronized long tryTake(long now, int limit, long windowMillis, int count) {
      if (start == Long.MIN_VALUE || now >= start + length) {
        start = now;
        length = windowMillis;
        used = 0;
      }
      if (used + count <= limit) {
        used += count;
        return 0;
      }
      return Math.max(1, start + length - now);
    }

    synchronized RateLimitDecision peek(
        long now, RouteLimit limit, RateLimitDecision.Scope scope, long retryAfter) {
      boolean open = start != Long.MIN_VALUE && now < start + length;
      int remaining = open ? Math.max(0, limit.limit() - used) : limit.limit();
      long resetAt = open ? start + length : now + limit.window().toMillis();
      return new RateLimitDecision(limit, remaining, resetAt, resetAt - now, scope, retryAfter);
    }
  }
}
