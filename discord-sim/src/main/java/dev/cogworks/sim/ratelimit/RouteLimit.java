package dev.cogworks.sim.ratelimit;

import java.time.Duration;

/**
 * One rate-limit bucket: {@code limit} requests per {@code window}, counted separately for each
 * top-level resource (channel, guild, webhook or interaction token). Routes that share a bucket
 * name share the count, as Discord's buckets do.
 */
public record RouteLimit(String bucket, int limit, Duration window) {
  public RouteLimit {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    if (window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
  }

  /** The opaque hash Discord sends as X-RateLimit-Bucket; stable for a bucket name. */
  public String hash() {
    return Integer.toHexString(bucket.hashCode() & 0x7fffffff) + "f1e2d3c4b5a6";
  }
}
