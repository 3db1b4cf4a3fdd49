package dev.cogworks.sim.faults;

import dev.cogworks.sim.ratelimit.RateLimitDecision;

/**
 * A fault the simulator injects into REST responses. {@code route} null means every route; {@code
 * remaining} counts down the "next N requests" form, {@code rate} is the probabilistic form.
 */
public sealed interface Fault {
  String route();

  boolean matches(String route);

  /** Answers the next requests (or a fraction of them) with a 5xx status. */
  record ServerError(String route, int status, double rate, int remaining) implements Fault {
    public boolean matches(String candidate) {
      return route == null || route.equals(candidate);
    }
  }

  /** Delays every matching request by {@code millis} before it is handled. */
  record Latency(String route, long millis) implements Fault {
    public boolean matches(String candidate) {
      return route == null || route.equals(candidate);
    }
  }

  /** Answers the next matching requests with a 429 of the given scope. */
  record ForcedRateLimit(
      String route, RateLimitDecision.Scope scope, long retryAfterMillis, int remaining)
      implements Fault {
    public boolean matches(String candidate) {
      return route == null || route.equals(candidate);
    }
  }
}
