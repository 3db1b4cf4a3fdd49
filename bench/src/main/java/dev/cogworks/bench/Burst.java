package dev.cogworks.bench;

import dev.cogworks.sim.ratelimit.RateLimitPolicy;
import dev.cogworks.sim.ratelimit.RouteLimit;

/**
 * A burst of sends: {@code perChannel} messages in each of {@code channels} channels, submitted at
 * once. {@link #NARROW} is bound by each channel's bucket, {@link #WIDE} by the global limit.
 */
record Burst(String name, int channels, int perChannel) {
  static final String MESSAGE_CREATE = "POST /channels/{channel_id}/messages";
  static final Burst NARROW = new Burst("narrow", 20, 50);
  static final Burst WIDE = new Burst("wide", 300, 5);

  int sends() {
    return channels * perChannel;
  }

  /** The least wall time the limits allow: per-channel windows, or global seconds. */
  double minimumSeconds(RateLimitPolicy policy) {
    RouteLimit create = policy.forRoute(MESSAGE_CREATE);
    double windows = Math.ceil(perChannel / (double) create.limit()) - 1;
    double perChannelSeconds = windows * create.window().toMillis() / 1000.0;
    double globalSeconds = Math.ceil(channels * perChannel / (double) policy.globalPerSecond()) - 1;
    return Math.max(perChannelSeconds, globalSeconds);
  }
}
