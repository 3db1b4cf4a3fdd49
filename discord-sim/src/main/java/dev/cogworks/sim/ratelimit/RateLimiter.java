package dev.cogworks.sim.ratelimit;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces per-route buckets, the per-token global limit and the invalid-request ceiling. Each
 * bucket is a fixed window opened by its first request, which is how Discord's X-RateLimit-Reset
 * behaves: the count resets all at once when the window ends.
 */
public final class RateLimiter {
  private final Clock clock;
  private volatile RateLimitPolicy policy;
  private final Map<String, Window> buckets = new ConcurrentHashMap<>();
  private final Map<String, Window> globals = new ConcurrentHashMap<>();
  private final ArrayDeque<Long> invalidRequests = new ArrayDeque<>();

  public RateLimiter(RateLimitPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
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
      long retry = global.tryTake(now, policy.globalPerSecond(), 1000);
      if (retry > 0) {
        return bucket.peek(now, limit, RateLimitDecision.Scope.GLOBAL, retry);
      }
    }
    long windowMillis = Math.max(1, limit.window().toMillis());
    long retry = bucket.tryTake(now, limit.limit(), windowMillis);
    return bucket.peek(now, limit, retry > 0 ? RateLimitDecision.Scope.USER : null, retry);
  }

  /** Records a 401, 403 or non-shared 429 for the Cloudflare-style ceiling. */
  public void recordInvalid() {
    long now = clock.millis();
    synchronized (invalidRequests) {
      invalidRequests.addLast(now);
      expireInvalid(now);
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
      expireInvalid(now);
      if (invalidRequests.size() < policy.invalidRequestLimit()) {
        return 0;
      }
      return Math.max(
          1, invalidRequests.peekFirst() + policy.invalidRequestWindow().toMillis() - now);
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

    /** Takes one slot; returns 0 on success or the milliseconds until the window resets. */
    synchronized long tryTake(long now, int limit, long windowMillis) {
      if (start == Long.MIN_VALUE || now >= start + length) {
        start = now;
        length = windowMillis;
        used = 0;
      }
      if (used < limit) {
        used++;
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
