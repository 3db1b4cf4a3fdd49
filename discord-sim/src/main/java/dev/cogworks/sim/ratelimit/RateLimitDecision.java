package dev.cogworks.sim.ratelimit;

/**
 * The limiter's answer for one request: the bucket state to report in the X-RateLimit headers, and,
 * when refused, the scope and how long to wait.
 */
public record RateLimitDecision(
    RouteLimit limit,
    int remaining,
    long resetAtMillis,
    long resetAfterMillis,
    Scope refusedBy,
    long retryAfterMillis) {

  /** X-RateLimit-Scope values. */
  public enum Scope {
    USER,
    GLOBAL,
    SHARED;

    public String header() {
      return name().toLowerCase();
    }
  }

  public boolean allowed() {
    return refusedBy == null;
  }
}
